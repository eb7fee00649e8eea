# asyncio.timeout, timeout_at and Timeout (3.11+) as aiospec runs them: written for aiospec
# after the algorithm of each CPython version's Lib/asyncio/timeouts.py, with the conventions
# of locks.py here (`_minor`, "frame: KEY" annotations). The state is a plain class of names
# where CPython has an enum (programs cannot reach it: private state is refused).
import asyncio

if _minor >= 11:
    class _State:
        CREATED = "created"
        ENTERED = "active"
        EXPIRING = "expiring"
        EXPIRED = "expired"
        EXITED = "finished"

    class Timeout:
        def __init__(self, when):
            self._state = _State.CREATED
            self._timeout_handler = None
            self._task = None
            self._when = when

        def when(self):
            return self._when

        def reschedule(self, when):
            if self._state != _State.ENTERED:
                if self._state == _State.CREATED:
                    raise RuntimeError("Timeout has not been entered")  # frame: timeouts.Timeout.reschedule.created
                raise RuntimeError(  # frame: timeouts.Timeout.reschedule.state
                    f"Cannot change state of {self._state} Timeout",
                )

            self._when = when

            if self._timeout_handler is not None:
                self._timeout_handler.cancel()

            if when is None:
                self._timeout_handler = None
            else:
                loop = asyncio.get_running_loop()
                if when <= loop.time():
                    self._timeout_handler = loop.call_soon(self._on_timeout)
                else:
                    self._timeout_handler = loop.call_at(when, self._on_timeout)

        def expired(self):
            return self._state in (_State.EXPIRING, _State.EXPIRED)

        def __repr__(self):
            info = ['']
            if self._state == _State.ENTERED:
                when = round(self._when, 3) if self._when is not None else None
                info.append(f"when={when}")
            info_str = ' '.join(info)
            return f"<Timeout [{self._state}]{info_str}>"

        async def __aenter__(self):
            if self._state != _State.CREATED:
                raise RuntimeError("Timeout has already been entered")  # frame: timeouts.Timeout.__aenter__.entered
            task = asyncio.current_task()
            if task is None:
                raise RuntimeError("Timeout should be used inside a task")  # frame: timeouts.Timeout.__aenter__.task
            self._state = _State.ENTERED
            self._task = task
            self._cancelling = self._task.cancelling()
            self.reschedule(self._when)
            return self

        if _minor >= 13:
            async def __aexit__(self, exc_type, exc_val, exc_tb):
                if self._timeout_handler is not None:
                    self._timeout_handler.cancel()
                    self._timeout_handler = None

                if self._state == _State.EXPIRING:
                    self._state = _State.EXPIRED

                    if self._task.uncancel() <= self._cancelling and exc_type is not None:
                        # Since there are no new cancel requests, we're
                        # handling this.
                        if issubclass(exc_type, asyncio.CancelledError):
                            raise TimeoutError from exc_val  # frame: timeouts.__aexit__
                        elif exc_val is not None:
                            self._insert_timeout_error(exc_val)
                            if isinstance(exc_val, ExceptionGroup):
                                for exc in exc_val.exceptions:
                                    self._insert_timeout_error(exc)
                elif self._state == _State.ENTERED:
                    self._state = _State.EXITED

                return None

            @staticmethod
            def _insert_timeout_error(exc_val):
                while exc_val.__context__ is not None:
                    if isinstance(exc_val.__context__, asyncio.CancelledError):
                        te = TimeoutError()
                        te.__context__ = te.__cause__ = exc_val.__context__
                        exc_val.__context__ = te
                        break
                    exc_val = exc_val.__context__
        else:
            async def __aexit__(self, exc_type, exc_val, exc_tb):
                if self._timeout_handler is not None:
                    self._timeout_handler.cancel()
                    self._timeout_handler = None

                if self._state == _State.EXPIRING:
                    self._state = _State.EXPIRED

                    if self._task.uncancel() <= self._cancelling and exc_type is asyncio.CancelledError:
                        # Since there are no new cancel requests, we're
                        # handling this.
                        raise TimeoutError from exc_val  # frame: timeouts.__aexit__
                elif self._state == _State.ENTERED:
                    self._state = _State.EXITED

                return None

        def _on_timeout(self):
            self._task.cancel()
            self._state = _State.EXPIRING
            # drop the reference early
            self._timeout_handler = None

    def timeout(delay):
        loop = asyncio.get_running_loop()
        return Timeout(loop.time() + delay if delay is not None else None)

    def timeout_at(when):
        return Timeout(when)
