# asyncio's synchronisation primitives as aiospec runs them: written for aiospec after the
# algorithm of each CPython version's Lib/asyncio/locks.py (3.7-3.13). `_minor` is the
# version's minor number; `_running_loop()` is events._get_running_loop(); `_refuse(what)`
# stops the run where the model does not follow CPython. `deque` below stands for
# collections.deque. A program may read the private attributes whose values are CPython's
# (`_waiters`, `_value`, `_loop`, ...: SPEC M1); the others are refused.
# A statement annotated "frame: KEY" shows in tracebacks as CPython's line KEY.
import asyncio

_marker = object()


class deque:
    # collections.deque as asyncio's own modules use it (waiters, Queue's items): the methods
    # they call, and what a program reading their private state sees of it (its type name,
    # repr, length, truth, items). Failures CPython's own code never causes are refused.
    __module__ = 'collections'

    def __init__(self, iterable=()):
        self._items = list(iterable)

    def append(self, x):
        self._items.append(x)

    def appendleft(self, x):
        self._items.insert(0, x)

    def popleft(self):
        if not self._items:
            _refuse('popleft() of an empty deque')
        return self._items.pop(0)

    def pop(self):
        if not self._items:
            _refuse('pop() of an empty deque')
        return self._items.pop()

    def remove(self, value):
        # queues.py catches this ValueError (a waiter get_nowait() already removed).
        if value not in self._items:
            if _minor <= 9:
                raise ValueError('deque.remove(x): x not in deque')
            raise ValueError(f'{value!r} is not in deque')
        self._items.remove(value)

    def clear(self):
        self._items.clear()

    def __len__(self):
        return len(self._items)

    def __bool__(self):
        return bool(self._items)

    def __iter__(self):
        return iter(self._items)

    def __contains__(self, x):
        return x in self._items

    def __getitem__(self, i):
        if not isinstance(i, int) or not -len(self._items) <= i < len(self._items):
            _refuse('this index of a deque')
        return self._items[i]

    def __eq__(self, other):
        if isinstance(other, deque):
            return self._items == other._items
        return NotImplemented

    def __repr__(self):
        return f'deque({self._items!r})'


def _bind_now():
    # 3.7-3.9: a primitive binds to events.get_event_loop() when it is made.
    loop = _running_loop()
    if loop is None:
        _refuse('an asyncio lock or queue made outside a running loop on 3.7-3.9 '
                '(it binds to get_event_loop(), a loop the program may never run)')
    return loop


def _bind(loop, what):
    # 3.7-3.9: `self._loop = events.get_event_loop()` without `loop=`; with it, that loop,
    # which 3.8-3.9 warn is deprecated (SPEC L8). The model runs only its current loop.
    if loop is None:
        return _bind_now()
    _check_loop_argument(loop, what)
    _warn_deprecated_loop()
    return loop


class _LoopBoundMixin:
    _loop = None

    if _minor == 10:
        def __init__(self, *, loop=_marker):
            if loop is not _marker:
                raise TypeError(
                    f'As of 3.10, the *loop* parameter was removed from '
                    f'{type(self).__name__}() since it is no longer necessary')

    def _get_loop(self):
        loop = _running_loop()
        if _minor <= 9:
            if loop is not self._loop:
                _refuse('an asyncio lock or queue used on a loop other than its own')
            return loop
        if self._loop is None:
            self._loop = loop
        if loop is not self._loop:
            raise RuntimeError(f'{self!r} is bound to a different event loop')
        return loop


if _minor <= 8:
    class _ContextManager:
        # What `yield from lock` gives: `with` it releases the lock once.
        def __init__(self, lock):
            self._lock = lock

        def __enter__(self):
            return None

        def __exit__(self, *args):
            try:
                self._lock.release()  # frame: locks._ContextManager.__exit__
            finally:
                self._lock = None  # Crudely prevent reuse.


class _ContextManagerMixin:
    if _minor <= 8:
        def __enter__(self):
            raise RuntimeError(
                '"yield from" should be used as context manager expression')

        def __exit__(self, *args):
            pass

        def __await__(self):
            _refuse("'with await lock' (deprecated, with a warning the model does not emit)")

        @_types_coroutine
        def __iter__(self):
            # `with (yield from lock):`, deprecated (a warning on 3.7 and 3.8).
            _warn_deprecation("'with (yield from lock)' is deprecated "
                              "use 'async with lock' instead")
            yield from self.acquire()  # frame: locks._ContextManagerMixin.__iter__
            return _ContextManager(self)

    async def __aenter__(self):
        await self.acquire()  # frame: locks._ContextManagerMixin.__aenter__
        # We have no use for the "as ..."  clause in the with
        # statement for locks.
        return None

    async def __aexit__(self, exc_type, exc, tb):
        self.release()


class Lock(_ContextManagerMixin, _LoopBoundMixin):
    if _minor >= 11:
        def __init__(self):
            self._waiters = None
            self._locked = False
    elif _minor == 10:
        def __init__(self, *, loop=_marker):
            super().__init__(loop=loop)
            self._waiters = None
            self._locked = False
    else:
        def __init__(self, *, loop=None):
            self._waiters = deque() if _minor == 7 else None
            self._locked = False
            self._loop = _bind(loop, 'Lock')

    def __repr__(self):
        res = super().__repr__()
        extra = 'locked' if self._locked else 'unlocked'
        if self._waiters:
            extra = f'{extra}, waiters:{len(self._waiters)}'
        return f'<{res[1:-1]} [{extra}]>'

    def locked(self):
        return self._locked

    async def acquire(self):
        if (not self._locked and (self._waiters is None or
                all(w.cancelled() for w in self._waiters))):
            self._locked = True
            return True
        if self._waiters is None:
            self._waiters = deque()
        fut = self._get_loop().create_future()
        self._waiters.append(fut)
        try:
            try:
                await fut  # frame: locks.Lock.acquire
            finally:
                self._waiters.remove(fut)
        except asyncio.CancelledError:
            if not self._locked:
                self._wake_up_first()
            raise
        self._locked = True
        return True

    def release(self):
        if self._locked:
            self._locked = False
            self._wake_up_first()
        else:
            raise RuntimeError('Lock is not acquired.')  # frame: locks.Lock.release

    def _wake_up_first(self):
        if not self._waiters:
            return
        fut = self._waiters[0]
        if not fut.done():
            fut.set_result(True)


class Event(_LoopBoundMixin):
    if _minor >= 11:
        def __init__(self):
            self._waiters = deque()
            self._value = False
    elif _minor == 10:
        def __init__(self, *, loop=_marker):
            super().__init__(loop=loop)
            self._waiters = deque()
            self._value = False
    else:
        def __init__(self, *, loop=None):
            self._waiters = deque()
            self._value = False
            self._loop = _bind(loop, 'Event')

    def __repr__(self):
        res = super().__repr__()
        extra = 'set' if self._value else 'unset'
        if self._waiters:
            extra = f'{extra}, waiters:{len(self._waiters)}'
        return f'<{res[1:-1]} [{extra}]>'

    def is_set(self):
        return self._value

    def set(self):
        if not self._value:
            self._value = True
            for fut in self._waiters:
                if not fut.done():
                    fut.set_result(True)

    def clear(self):
        self._value = False

    async def wait(self):
        if self._value:
            return True
        fut = self._get_loop().create_future()
        self._waiters.append(fut)
        try:
            await fut  # frame: locks.Event.wait
            return True
        finally:
            self._waiters.remove(fut)


class Condition(_ContextManagerMixin, _LoopBoundMixin):
    if _minor >= 11:
        def __init__(self, lock=None):
            self._init(lock)
    elif _minor == 10:
        def __init__(self, lock=None, *, loop=_marker):
            super().__init__(loop=loop)
            self._init(lock)
    else:
        def __init__(self, lock=None, *, loop=None):
            self._loop = _bind(loop, 'Condition')
            if lock is None:
                # 3.7 binds the lock to the condition's loop; 3.8-3.9 pass `loop` on (and
                # so warn twice).
                lock = Lock(loop=self._loop if _minor == 7 else loop)
            elif lock._loop is not self._loop:
                raise ValueError("loop argument must agree with lock")
            self._init(lock)

    def _init(self, lock):
        if lock is None:
            lock = Lock()
        self._lock = lock
        # Export the lock's locked(), acquire() and release() methods.
        self.locked = lock.locked
        self.acquire = lock.acquire
        self.release = lock.release
        self._waiters = deque()

    def __repr__(self):
        res = super().__repr__()
        extra = 'locked' if self.locked() else 'unlocked'
        if self._waiters:
            extra = f'{extra}, waiters:{len(self._waiters)}'
        return f'<{res[1:-1]} [{extra}]>'

    if _minor >= 13:
        async def wait(self):
            if not self.locked():
                raise RuntimeError('cannot wait on un-acquired lock')  # frame: locks.Condition.wait.unacquired
            fut = self._get_loop().create_future()
            self.release()
            try:
                try:
                    self._waiters.append(fut)
                    try:
                        await fut  # frame: locks.Condition.wait
                        return True
                    finally:
                        self._waiters.remove(fut)
                finally:
                    # Must re-acquire lock even if wait is cancelled.
                    err = None
                    while True:
                        try:
                            await self.acquire()
                            break
                        except asyncio.CancelledError as e:
                            err = e
                    if err is not None:
                        try:
                            raise err  # Re-raise most recent exception instance.
                        finally:
                            err = None  # Break reference cycles.
            except BaseException:
                # Any error raised out of here _may_ have occurred after this Task
                # believed to have been successfully notified.
                self._notify(1)
                raise
    else:
        async def wait(self):
            if not self.locked():
                raise RuntimeError('cannot wait on un-acquired lock')  # frame: locks.Condition.wait.unacquired
            self.release()
            try:
                fut = self._get_loop().create_future()
                self._waiters.append(fut)
                try:
                    await fut  # frame: locks.Condition.wait
                    return True
                finally:
                    self._waiters.remove(fut)
            finally:
                # Must reacquire lock even if wait is cancelled.
                cancelled = False
                while True:
                    try:
                        await self.acquire()
                        break
                    except asyncio.CancelledError:
                        cancelled = True
                if cancelled:
                    raise asyncio.CancelledError

    async def wait_for(self, predicate):
        result = predicate()
        while not result:
            await self.wait()  # frame: locks.Condition.wait_for
            result = predicate()
        return result

    def notify(self, n=1):
        if not self.locked():
            raise RuntimeError('cannot notify on un-acquired lock')  # frame: locks.Condition.notify
        self._notify(n)

    def _notify(self, n):
        idx = 0
        for fut in self._waiters:
            if idx >= n:
                break
            if not fut.done():
                idx += 1
                fut.set_result(False)

    def notify_all(self):
        self.notify(len(self._waiters))


class Semaphore(_ContextManagerMixin, _LoopBoundMixin):
    if _minor >= 11:
        def __init__(self, value=1):
            self._init(value)
    elif _minor == 10:
        def __init__(self, value=1, *, loop=_marker):
            super().__init__(loop=loop)
            self._init(value)
    else:
        def __init__(self, value=1, *, loop=None):
            self._init(value)
            self._loop = _bind(loop, type(self).__name__)

    def _init(self, value):
        if value < 0:
            raise ValueError("Semaphore initial value must be >= 0")  # frame: locks.Semaphore.__init__
        self._value = value
        self._waiters = deque() if _minor <= 9 else None
        self._wakeup_scheduled = False

    def __repr__(self):
        res = super().__repr__()
        extra = 'locked' if self.locked() else f'unlocked, value:{self._value}'
        if self._waiters:
            extra = f'{extra}, waiters:{len(self._waiters)}'
        return f'<{res[1:-1]} [{extra}]>'

    if _minor <= 9:
        def locked(self):
            return self._value == 0

        def _wake_up_next(self):
            while self._waiters:
                waiter = self._waiters.popleft()
                if not waiter.done():
                    waiter.set_result(None)
                    if _minor == 9:
                        self._wakeup_scheduled = True
                    return

        def release(self):
            self._value += 1
            self._wake_up_next()

        if _minor == 9:
            async def acquire(self):
                while self._wakeup_scheduled or self._value <= 0:
                    fut = self._get_loop().create_future()
                    self._waiters.append(fut)
                    try:
                        await fut  # frame: locks.Semaphore.acquire
                        # reset _wakeup_scheduled *after* waiting for a future
                        self._wakeup_scheduled = False
                    except asyncio.CancelledError:
                        self._wake_up_next()
                        raise
                self._value -= 1
                return True
        else:
            async def acquire(self):
                while self._value <= 0:
                    fut = self._get_loop().create_future()
                    self._waiters.append(fut)
                    try:
                        await fut  # frame: locks.Semaphore.acquire
                    except:
                        # See the similar code in Queue.get.
                        fut.cancel()
                        if self._value > 0 and not fut.cancelled():
                            self._wake_up_next()
                        raise
                self._value -= 1
                return True
    else:
        def locked(self):
            return self._value == 0 or (
                any(not w.cancelled() for w in (self._waiters or ())))

        def release(self):
            self._value += 1
            self._wake_up_next()

        if _minor >= 13:
            async def acquire(self):
                if not self.locked():
                    self._value -= 1
                    return True
                if self._waiters is None:
                    self._waiters = deque()
                fut = self._get_loop().create_future()
                self._waiters.append(fut)
                try:
                    try:
                        await fut  # frame: locks.Semaphore.acquire
                    finally:
                        self._waiters.remove(fut)
                except asyncio.CancelledError:
                    # Currently the only exception designed be able to occur here.
                    if fut.done() and not fut.cancelled():
                        # Our Future was successfully set to True via _wake_up_next(),
                        # but we are not about to successfully acquire(). Therefore we
                        # must undo the bookkeeping already done and attempt to wake
                        # up someone else.
                        self._value += 1
                    raise
                finally:
                    # New waiters may have arrived but had to wait due to FIFO.
                    # Wake up as many as are allowed.
                    while self._value > 0:
                        if not self._wake_up_next():
                            break  # There was no-one to wake up.
                return True

            def _wake_up_next(self):
                if not self._waiters:
                    return False
                for fut in self._waiters:
                    if not fut.done():
                        self._value -= 1
                        fut.set_result(True)
                        # `fut` is now `done()` and not `cancelled()`.
                        return True
                return False
        else:
            async def acquire(self):
                if not self.locked():
                    self._value -= 1
                    return True
                if self._waiters is None:
                    self._waiters = deque()
                fut = self._get_loop().create_future()
                self._waiters.append(fut)
                try:
                    try:
                        await fut  # frame: locks.Semaphore.acquire
                    finally:
                        self._waiters.remove(fut)
                except asyncio.CancelledError:
                    if not fut.cancelled():
                        self._value += 1
                        self._wake_up_next()
                    raise
                if self._value > 0:
                    self._wake_up_next()
                return True

            def _wake_up_next(self):
                if not self._waiters:
                    return
                for fut in self._waiters:
                    if not fut.done():
                        self._value -= 1
                        fut.set_result(True)
                        return


class BoundedSemaphore(Semaphore):
    if _minor >= 11:
        def __init__(self, value=1):
            self._bound_value = value
            super().__init__(value)
    elif _minor == 10:
        def __init__(self, value=1, *, loop=_marker):
            self._bound_value = value
            super().__init__(value, loop=loop)
    else:
        def __init__(self, value=1, *, loop=None):
            if loop:
                # 3.8-3.9 warn here and again in Semaphore.__init__.
                _warn_deprecated_loop()
            self._bound_value = value
            super().__init__(value, loop=loop)

    def release(self):
        if self._value >= self._bound_value:
            raise ValueError('BoundedSemaphore released too many times')  # frame: locks.BoundedSemaphore.release
        super().release()


if _minor >= 11:
    class BrokenBarrierError(RuntimeError):
        """Barrier is broken by barrier.abort() call."""
        __module__ = 'asyncio.exceptions'

    class _BarrierState:
        # CPython's enum of the four states; only its `value` is ever shown (in the repr).
        def __init__(self, value):
            self.value = value

    _BarrierState.FILLING = _BarrierState('filling')
    _BarrierState.DRAINING = _BarrierState('draining')
    _BarrierState.RESETTING = _BarrierState('resetting')
    _BarrierState.BROKEN = _BarrierState('broken')

    class Barrier(_LoopBoundMixin):
        # asyncio.Barrier (3.11+): SPEC K5.
        def __init__(self, parties):
            if parties < 1:
                if _minor >= 14:
                    raise ValueError('parties must be >= 1')  # frame: locks.Barrier.__init__
                raise ValueError('parties must be > 0')  # frame: locks.Barrier.__init__
            self._cond = Condition()  # notify all tasks when state changes
            self._parties = parties
            self._state = _BarrierState.FILLING
            self._count = 0  # count tasks in Barrier

        def __repr__(self):
            res = super().__repr__()
            extra = f'{self._state.value}'
            if not self.broken:
                extra += f', waiters:{self.n_waiting}/{self.parties}'
            return f'<{res[1:-1]} [{extra}]>'

        async def __aenter__(self):
            return await self.wait()  # frame: locks.Barrier.__aenter__

        async def __aexit__(self, *args):
            pass

        async def wait(self):
            async with self._cond:
                await self._block()  # frame: locks.Barrier.wait.block
                try:
                    index = self._count
                    self._count += 1
                    if index + 1 == self._parties:
                        await self._release()
                    else:
                        await self._wait()  # frame: locks.Barrier.wait.wait
                    return index
                finally:
                    self._count -= 1
                    self._exit()

        async def _block(self):
            await self._cond.wait_for(
                lambda: self._state not in (
                    _BarrierState.DRAINING, _BarrierState.RESETTING
                )
            )
            if self._state is _BarrierState.BROKEN:
                raise BrokenBarrierError("Barrier aborted")  # frame: locks.Barrier._block

        async def _release(self):
            self._state = _BarrierState.DRAINING
            self._cond.notify_all()

        async def _wait(self):
            await self._cond.wait_for(lambda: self._state is not _BarrierState.FILLING)
            if self._state in (_BarrierState.BROKEN, _BarrierState.RESETTING):
                raise BrokenBarrierError("Abort or reset of barrier")  # frame: locks.Barrier._wait

        def _exit(self):
            if self._count == 0:
                if self._state in (_BarrierState.RESETTING, _BarrierState.DRAINING):
                    self._state = _BarrierState.FILLING
                self._cond.notify_all()

        async def reset(self):
            async with self._cond:
                if self._count > 0:
                    if self._state is not _BarrierState.RESETTING:
                        self._state = _BarrierState.RESETTING
                else:
                    self._state = _BarrierState.FILLING
                self._cond.notify_all()

        async def abort(self):
            async with self._cond:
                self._state = _BarrierState.BROKEN
                self._cond.notify_all()

        @property
        def parties(self):
            return self._parties

        @property
        def n_waiting(self):
            if self._state is _BarrierState.FILLING:
                return self._count
            return 0

        @property
        def broken(self):
            return self._state is _BarrierState.BROKEN
