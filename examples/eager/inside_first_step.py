# aiospec: description = What runs inside an eager first step: asyncio.timeout() (the step's task is the current task, so the timeout belongs to it and fires later as usual), a Lock and a Queue (the second task blocks on the lock the first holds), cancelling the creator (its cancel() is recorded while it is mid-step: cancelling() is 1 and the CancelledError lands at its next await), and Event.set() in an eager step waking a waiter that suspended in its own eager step (it resumes later, not inside set()).
# aiospec: rules = ET1 TO1 K1 Q1
# aiospec: python = 3.12-3.15
import asyncio


async def with_timeout(n):
    async with asyncio.timeout(0.5) as cm:
        print('timeout in eager step', n, cm.when())
        await asyncio.sleep(n)
    return n


async def cancel_creator(creator):
    print('cancelling creator from eager step', creator.cancel())
    return 'x'


async def locked(lock, q, n):
    async with lock:
        await q.put(n)
        print('locked', n, lock.locked())
    return n


async def main():
    loop = asyncio.get_running_loop()
    loop.set_task_factory(asyncio.eager_task_factory)
    t = loop.create_task(with_timeout(0.1))
    print(await t)
    t = loop.create_task(with_timeout(1))
    try:
        await t
    except TimeoutError:
        print('timed out', loop.time())
    lock = asyncio.Lock()
    q = asyncio.Queue(maxsize=1)
    a = loop.create_task(locked(lock, q, 1))
    b = loop.create_task(locked(lock, q, 2))
    print('a', a.done(), 'b', b.done(), q.qsize())
    print(await q.get(), await q.get())
    print(await a, await b)

    async def victim():
        me = asyncio.current_task()
        c = loop.create_task(cancel_creator(me))
        print('creator goes on', c.done(), me.cancelling())
        try:
            await asyncio.sleep(0)
        except asyncio.CancelledError:
            print('creator cancelled at its next await')
            raise
    v = loop.create_task(victim())
    try:
        await v
    except asyncio.CancelledError:
        print('victim cancelled', v.cancelled())
    ev = asyncio.Event()
    async def waiter():
        await ev.wait()
        return 'woken'
    w = loop.create_task(waiter())
    async def setter():
        ev.set()
        return 'set'
    s = loop.create_task(setter())
    print(s.result(), w.done())
    print(await w)

asyncio.run(main())
