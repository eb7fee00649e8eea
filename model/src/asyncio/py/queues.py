# asyncio's queues as aiospec runs them: written for aiospec after the algorithm of each
# CPython version's Lib/asyncio/queues.py (3.7-3.13), with the conventions of locks.py here
# (`_minor`, `_running_loop`, `_refuse`, its deque, "frame: KEY" annotations).
# PriorityQueue orders its items with the same sift-down/sift-up steps as CPython's heapq,
# so equal priorities come out in the same order.
import asyncio
from asyncio.locks import Event as _Event, _LoopBoundMixin, _marker, _bind, deque


class QueueEmpty(Exception):
    """Raised when Queue.get_nowait() is called on an empty Queue."""
    pass


class QueueFull(Exception):
    """Raised when the Queue.put_nowait() method is called on a full Queue."""
    pass


if _minor >= 13:
    class QueueShutDown(Exception):
        """Raised when putting on to or getting from a shut-down Queue."""
        pass


def _heappush(heap, item):
    heap.append(item)
    _siftdown(heap, 0, len(heap) - 1)


def _heappop(heap):
    lastelt = heap.pop()
    if heap:
        returnitem = heap[0]
        heap[0] = lastelt
        _siftup(heap, 0)
        return returnitem
    return lastelt


def _siftdown(heap, startpos, pos):
    newitem = heap[pos]
    while pos > startpos:
        parentpos = (pos - 1) >> 1
        parent = heap[parentpos]
        if newitem < parent:
            heap[pos] = parent
            pos = parentpos
            continue
        break
    heap[pos] = newitem


def _siftup(heap, pos):
    endpos = len(heap)
    startpos = pos
    newitem = heap[pos]
    childpos = 2 * pos + 1
    while childpos < endpos:
        rightpos = childpos + 1
        if rightpos < endpos and not heap[childpos] < heap[rightpos]:
            childpos = rightpos
        heap[pos] = heap[childpos]
        pos = childpos
        childpos = 2 * pos + 1
    heap[pos] = newitem
    _siftdown(heap, startpos, pos)


class Queue(_LoopBoundMixin):
    if _minor >= 11:
        def __init__(self, maxsize=0):
            self._setup(maxsize)
    elif _minor == 10:
        def __init__(self, maxsize=0, *, loop=_marker):
            super().__init__(loop=loop)
            self._setup(maxsize)
    else:
        def __init__(self, maxsize=0, *, loop=None):
            self._loop = _bind(loop, type(self).__name__)
            # 3.7 binds its Event to the queue's loop; 3.8-3.9 pass `loop` on (and so warn
            # twice).
            self._setup(maxsize, self._loop if _minor == 7 else loop)

    def _setup(self, maxsize, loop=None):
        self._maxsize = maxsize
        # Futures.
        self._getters = deque()
        # Futures.
        self._putters = deque()
        self._unfinished_tasks = 0
        self._finished = _Event() if loop is None else _Event(loop=loop)
        self._finished.set()
        self._init(maxsize)
        if _minor >= 13:
            self._is_shutdown = False

    # These three are overridable in subclasses.

    def _init(self, maxsize):
        self._queue = deque()

    def _get(self):
        return self._queue.popleft()

    def _put(self, item):
        self._queue.append(item)

    # End of the overridable methods.

    def _wakeup_next(self, waiters):
        # Wake up the next waiter (if any) that isn't cancelled.
        while waiters:
            waiter = waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                break

    def __repr__(self):
        return f'<{type(self).__name__} at 0x... {self._format()}>'

    def __str__(self):
        return f'<{type(self).__name__} {self._format()}>'

    if _minor >= 9:
        __class_getitem__ = _generic_alias

    def _format(self):
        result = f'maxsize={self._maxsize!r}'
        if getattr(self, '_queue', None):
            result += f' _queue={list(self._queue)!r}'
        if self._getters:
            result += f' _getters[{len(self._getters)}]'
        if self._putters:
            result += f' _putters[{len(self._putters)}]'
        if self._unfinished_tasks:
            result += f' tasks={self._unfinished_tasks}'
        if _minor >= 13 and self._is_shutdown:
            result += ' shutdown'
        return result

    def qsize(self):
        """Number of items in the queue."""
        return len(self._queue)

    @property
    def maxsize(self):
        """Number of items allowed in the queue."""
        return self._maxsize

    def empty(self):
        """Return True if the queue is empty, False otherwise."""
        return not self._queue

    def full(self):
        """Return True if there are maxsize items in the queue."""
        if self._maxsize <= 0:
            return False
        else:
            return self.qsize() >= self._maxsize

    async def put(self, item):
        while self.full():
            if _minor >= 13 and self._is_shutdown:
                raise QueueShutDown  # frame: queues.Queue.put.shutdown
            putter = self._get_loop().create_future()
            self._putters.append(putter)
            try:
                await putter  # frame: queues.Queue.put
            except:
                putter.cancel()  # Just in case putter is not done yet.
                try:
                    # Clean self._putters from canceled putters.
                    self._putters.remove(putter)
                except ValueError:
                    # The putter could be removed from self._putters by a
                    # previous get_nowait call.
                    pass
                if not self.full() and not putter.cancelled():
                    # We were woken up by get_nowait(), but can't take
                    # the call.  Wake up the next in line.
                    self._wakeup_next(self._putters)
                raise
        return self.put_nowait(item)  # frame: queues.Queue.put.nowait

    def put_nowait(self, item):
        if _minor >= 13 and self._is_shutdown:
            raise QueueShutDown  # frame: queues.Queue.put_nowait.shutdown
        if self.full():
            raise QueueFull  # frame: queues.Queue.put_nowait
        self._put(item)
        self._unfinished_tasks += 1
        self._finished.clear()
        self._wakeup_next(self._getters)

    async def get(self):
        while self.empty():
            if _minor >= 13 and self._is_shutdown and self.empty():
                raise QueueShutDown  # frame: queues.Queue.get.shutdown
            getter = self._get_loop().create_future()
            self._getters.append(getter)
            try:
                await getter  # frame: queues.Queue.get
            except:
                getter.cancel()  # Just in case getter is not done yet.
                try:
                    # Clean self._getters from canceled getters.
                    self._getters.remove(getter)
                except ValueError:
                    # The getter could be removed from self._getters by a
                    # previous put_nowait call.
                    pass
                if not self.empty() and not getter.cancelled():
                    # We were woken up by put_nowait(), but can't take
                    # the call.  Wake up the next in line.
                    self._wakeup_next(self._getters)
                raise
        return self.get_nowait()  # frame: queues.Queue.get.nowait

    def get_nowait(self):
        if self.empty():
            if _minor >= 13 and self._is_shutdown:
                raise QueueShutDown  # frame: queues.Queue.get_nowait.shutdown
            raise QueueEmpty  # frame: queues.Queue.get_nowait
        item = self._get()
        self._wakeup_next(self._putters)
        return item

    def task_done(self):
        if self._unfinished_tasks <= 0:
            raise ValueError('task_done() called too many times')  # frame: queues.Queue.task_done
        self._unfinished_tasks -= 1
        if self._unfinished_tasks == 0:
            self._finished.set()

    async def join(self):
        if self._unfinished_tasks > 0:
            await self._finished.wait()  # frame: queues.Queue.join

    if _minor >= 13:
        def shutdown(self, immediate=False):
            self._is_shutdown = True
            if immediate:
                while not self.empty():
                    self._get()
                    if self._unfinished_tasks > 0:
                        self._unfinished_tasks -= 1
                # release all blocked threads in `join()`
                if self._unfinished_tasks == 0:
                    self._finished.set()
            # All getters need to re-check queue-empty to raise ShutDown
            while self._getters:
                getter = self._getters.popleft()
                if not getter.done():
                    getter.set_result(None)
            while self._putters:
                putter = self._putters.popleft()
                if not putter.done():
                    putter.set_result(None)


class PriorityQueue(Queue):
    def _init(self, maxsize):
        self._queue = []

    def _put(self, item):
        _heappush(self._queue, item)

    def _get(self):
        return _heappop(self._queue)


class LifoQueue(Queue):
    def _init(self, maxsize):
        self._queue = []

    def _put(self, item):
        self._queue.append(item)

    def _get(self):
        return self._queue.pop()
