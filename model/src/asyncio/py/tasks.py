# asyncio.shield and asyncio.as_completed as aiospec runs them: written for aiospec after the
# algorithm of each CPython version's Lib/asyncio/tasks.py (3.7-3.13), with the conventions of
# locks.py here (`_minor`, `_running_loop`, `_refuse`, and "frame: KEY" / "def: KEY"
# annotations naming CPython's lines in tracebacks and callback reprs). Where only a
# signature differs between versions the whole function is written out per version, as
# argument binding happens at the call.
import asyncio
from asyncio.queues import Queue


def _loop_now():
    # events.get_event_loop() (3.10+: events._get_event_loop()): the running loop, else the
    # one set_event_loop set (a RuntimeError when there is none).
    return _get_event_loop('as_completed()')


if _minor >= 14:
    # 3.14.0-3.14.8 and 3.15.0 log an exception the inner future raises after the outer was
    # cancelled, at once, as "<Class> exception in shielded future"; 3.14.9 and 3.15.1 took
    # that out again. 3.14+ also keep "awaited by" edges (unobservable here but for the
    # callback they add).
    _LOG_ON_EXCEPTION = (_minor, _patch) <= (14, 8) or (_minor, _patch) == (15, 0)

    def _log_on_exception(fut):  # def: tasks._log_on_exception
        if fut.cancelled():
            return

        exc = fut.exception()
        if exc is None:
            return

        _call_exception_handler(
            f'{exc.__class__.__name__} exception in shielded future', exc, fut)

    def shield(arg):
        inner = asyncio.ensure_future(arg)
        if inner.done():
            # Shortcut.
            return inner
        loop = inner.get_loop()
        outer = loop.create_future()

        cur_task = None
        if _running_loop() is not None:
            cur_task = asyncio.current_task()

        def _clear_awaited_by_callback(inner):  # def: tasks.shield._clear_awaited_by_callback
            pass

        def _inner_done_callback(inner):  # def: tasks.shield._inner_done_callback
            if outer.cancelled():
                return

            if inner.cancelled():
                outer.cancel()
            else:
                exc = inner.exception()
                if exc is not None:
                    outer.set_exception(exc)
                else:
                    outer.set_result(inner.result())

        def _outer_done_callback(outer):  # def: tasks.shield._outer_done_callback
            if not inner.done():
                inner.remove_done_callback(_inner_done_callback)
                if _LOG_ON_EXCEPTION:
                    # Keep only one callback to log on cancel
                    inner.remove_done_callback(_log_on_exception)
                    inner.add_done_callback(_log_on_exception)

                if cur_task is not None:
                    inner.remove_done_callback(_clear_awaited_by_callback)

        if cur_task is not None:
            inner.add_done_callback(_clear_awaited_by_callback)

        inner.add_done_callback(_inner_done_callback)
        outer.add_done_callback(_outer_done_callback)
        return outer
elif _minor >= 10:
    def shield(arg):
        inner = asyncio.ensure_future(arg)
        if inner.done():
            # Shortcut.
            return inner
        loop = inner.get_loop()
        outer = loop.create_future()

        def _inner_done_callback(inner):  # def: tasks.shield._inner_done_callback
            if outer.cancelled():
                if not inner.cancelled():
                    # Mark inner's result as retrieved.
                    inner.exception()
                return

            if inner.cancelled():
                outer.cancel()
            else:
                exc = inner.exception()
                if exc is not None:
                    outer.set_exception(exc)
                else:
                    outer.set_result(inner.result())

        def _outer_done_callback(outer):  # def: tasks.shield._outer_done_callback
            if not inner.done():
                inner.remove_done_callback(_inner_done_callback)

        inner.add_done_callback(_inner_done_callback)
        outer.add_done_callback(_outer_done_callback)
        return outer
else:
    def shield(arg, *, loop=None):
        if loop is not None:
            # SPEC L8.
            _check_loop_argument(loop, 'shield')
            _warn_deprecated_loop()
        inner = asyncio.ensure_future(arg, loop=loop)
        if inner.done():
            # Shortcut.
            return inner
        loop = inner.get_loop()
        outer = loop.create_future()

        def _inner_done_callback(inner):  # def: tasks.shield._inner_done_callback
            if outer.cancelled():
                if not inner.cancelled():
                    # Mark inner's result as retrieved.
                    inner.exception()
                return

            if inner.cancelled():
                outer.cancel()
            else:
                exc = inner.exception()
                if exc is not None:
                    outer.set_exception(exc)
                else:
                    outer.set_result(inner.result())

        def _outer_done_callback(outer):  # def: tasks.shield._outer_done_callback
            if not inner.done():
                inner.remove_done_callback(_inner_done_callback)

        inner.add_done_callback(_inner_done_callback)
        outer.add_done_callback(_outer_done_callback)
        return outer


if _minor <= 9:
    def as_completed(fs, loop, timeout, hint):
        if asyncio.isfuture(fs) or asyncio.iscoroutine(fs):
            if _minor <= 8:
                raise TypeError(f"expect a list of futures, not {type(fs).__name__}")
            raise TypeError(f"expect an iterable of futures, not {type(fs).__name__}")
        if loop is None:
            loop = _loop_now()
            if _running_loop() is None:
                # Its Queue would bind to get_event_loop()'s loop: refused (as Queue() is).
                _refuse('as_completed() outside a running loop on 3.7-3.9 without loop=')
            done = Queue()
        else:
            # SPEC L8: 3.8-3.9 warn, and the Queue they make with `loop` warns twice more.
            _check_loop_argument(loop, 'as_completed')
            _warn_deprecated_loop()
            done = Queue(loop=loop)
        todo = {asyncio.ensure_future(f, loop=loop) for f in _set_order(fs, hint)}
        timeout_handle = None

        def _on_timeout():
            for f in todo:
                f.remove_done_callback(_on_completion)
                done.put_nowait(None)  # Queue a dummy value for _wait_for_one().
            todo.clear()  # Can't do todo.remove(f) in the loop.

        def _on_completion(f):  # def: tasks.as_completed._on_completion
            if not todo:
                return  # _on_timeout() was here first.
            todo.remove(f)
            done.put_nowait(f)
            if not todo and timeout_handle is not None:
                timeout_handle.cancel()

        async def _wait_for_one():
            f = await done.get()  # frame: tasks.as_completed._wait_for_one.get
            if f is None:
                # Dummy value from _on_timeout().
                raise asyncio.TimeoutError  # frame: tasks.as_completed._wait_for_one.timeout
            return f.result()  # frame: tasks.as_completed._wait_for_one.result

        for f in todo:
            f.add_done_callback(_on_completion)
        if todo and timeout is not None:
            timeout_handle = loop.call_later(timeout, _on_timeout)
        for _ in range(len(todo)):
            yield _wait_for_one()
    _as_completed = as_completed

    def as_completed(fs, *, loop=None, timeout=None):
        # The body is a generator that runs at the first next(); the oracle names this call
        # (`ac-fs:N`, the order set(fs) made its tasks in) when it is made.
        return _as_completed(fs, loop, timeout, _hint_key('ac-fs'))
elif _minor <= 12:
    def as_completed(fs, timeout, hint):
        if asyncio.isfuture(fs) or asyncio.iscoroutine(fs):
            raise TypeError(f"expect an iterable of futures, not {type(fs).__name__}")
        done = Queue()
        loop = _loop_now()
        todo = {asyncio.ensure_future(f) for f in _set_order(fs, hint)}
        timeout_handle = None

        def _on_timeout():
            for f in todo:
                f.remove_done_callback(_on_completion)
                done.put_nowait(None)  # Queue a dummy value for _wait_for_one().
            todo.clear()  # Can't do todo.remove(f) in the loop.

        def _on_completion(f):  # def: tasks.as_completed._on_completion
            if not todo:
                return  # _on_timeout() was here first.
            todo.remove(f)
            done.put_nowait(f)
            if not todo and timeout_handle is not None:
                timeout_handle.cancel()

        async def _wait_for_one():
            f = await done.get()  # frame: tasks.as_completed._wait_for_one.get
            if f is None:
                # Dummy value from _on_timeout().
                raise asyncio.TimeoutError  # frame: tasks.as_completed._wait_for_one.timeout
            return f.result()  # frame: tasks.as_completed._wait_for_one.result

        for f in todo:
            f.add_done_callback(_on_completion)
        if todo and timeout is not None:
            timeout_handle = loop.call_later(timeout, _on_timeout)
        for _ in range(len(todo)):
            yield _wait_for_one()
    _as_completed = as_completed

    def as_completed(fs, *, timeout=None):
        # As for 3.7-3.9: the oracle's name for this call is taken when it is made.
        return _as_completed(fs, timeout, _hint_key('ac-fs'))
else:
    _GIVES_BACK_TODO = (_minor, _patch) >= (14, 9) and (_minor, _patch) != (15, 0)

    class _AsCompletedIterator:
        def __init__(self, aws, timeout):
            self._done = Queue()
            self._timeout_handle = None

            hint = _hint_key('ac-fs')
            loop = _loop_now()
            todo = {asyncio.ensure_future(aw) for aw in _set_order(aws, hint)}
            for f in todo:
                f.add_done_callback(self._handle_completion)
            if todo and timeout is not None:
                self._timeout_handle = (
                    loop.call_later(timeout, self._handle_timeout)
                )
            self._todo = todo
            self._todo_left = len(todo)

        def __aiter__(self):
            return self

        def __iter__(self):
            return self

        async def __anext__(self):
            if not self._todo_left:
                raise StopAsyncIteration
            self._todo_left -= 1
            return await self._wait_for_one()  # frame: tasks._AsCompletedIterator.__anext__

        def __next__(self):
            if not self._todo_left:
                raise StopIteration
            self._todo_left -= 1
            return self._wait_for_one(resolve=True)

        def _handle_timeout(self):
            for f in self._todo:
                f.remove_done_callback(self._handle_completion)
                self._done.put_nowait(None)  # Sentinel for _wait_for_one().
            self._todo.clear()  # Can't do todo.remove(f) in the loop.

        def _handle_completion(self, f):
            if not self._todo:
                return  # _handle_timeout() was here first.
            self._todo.remove(f)
            self._done.put_nowait(f)
            if not self._todo and self._timeout_handle is not None:
                self._timeout_handle.cancel()

        async def _wait_for_one(self, resolve=False):
            # Wait for the next future to be done and return it unless resolve is
            # set, in which case return either the result of the future or raise
            # an exception.
            if _GIVES_BACK_TODO:
                # 3.14.9 and 3.15.1: a cancelled wait gives its place back, so the iterator
                # does not lose an item.
                try:
                    f = await self._done.get()  # frame: tasks._AsCompletedIterator._wait_for_one.get
                except:
                    self._todo_left += 1
                    raise
            else:
                f = await self._done.get()  # frame: tasks._AsCompletedIterator._wait_for_one.get
            if f is None:
                # Dummy value from _handle_timeout().
                raise asyncio.TimeoutError  # frame: tasks._AsCompletedIterator._wait_for_one.timeout
            return f.result() if resolve else f  # frame: tasks._AsCompletedIterator._wait_for_one.result

    def as_completed(fs, *, timeout=None):
        if asyncio.iscoroutine(fs) or asyncio.isfuture(fs):
            raise TypeError(
                f"expects an iterable of awaitables, not {type(fs).__name__}"
            )
        return _AsCompletedIterator(fs, timeout)


# Eager tasks (3.12+): the factory calls the constructor with eager_start=True; 3.14 lets a
# create_task(eager_start=...) keyword through and passes every other keyword on.
if 12 <= _minor <= 13:
    def create_eager_task_factory(custom_task_constructor):

        def factory(loop, coro, *, name=None, context=None):
            return custom_task_constructor(
                coro, loop=loop, name=name, context=context, eager_start=True)

        return factory

    eager_task_factory = create_eager_task_factory(asyncio.Task)
elif _minor >= 14:
    def create_eager_task_factory(custom_task_constructor):

        def factory(loop, coro, *, eager_start=True, **kwargs):
            return custom_task_constructor(
                coro, loop=loop, eager_start=eager_start, **kwargs)

        return factory

    eager_task_factory = create_eager_task_factory(asyncio.Task)
