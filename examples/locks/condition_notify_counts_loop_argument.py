# aiospec: description = Condition.notify(1) wakes one waiter, notify(1) then notify(2048) the other two, notify_all() every waiter; they run in FIFO order once the lock is released; here each primitive is made with loop= the running loop, which 3.8 and 3.9 warn is deprecated.
# aiospec: python = 3.8
# aiospec: rules = K3 L8
# aiospec: cites = test_locks.py::ConditionTests::test_notify test_locks.py::ConditionTests::test_notify_all
import asyncio


async def waiters(cond, result, names):
    async def c(n):
        await cond.acquire()
        if await cond.wait():
            result.append(n)
            cond.release()
        return True
    return [asyncio.create_task(c(n)) for n in names]


async def main():
    cond = asyncio.Condition(loop=asyncio.get_running_loop())
    result = []
    ts = await waiters(cond, result, (1, 2, 3))
    await asyncio.sleep(0)
    print(result)
    await cond.acquire()
    cond.notify(1)
    cond.release()
    await asyncio.sleep(0)
    print(result)
    await cond.acquire()
    cond.notify(1)
    cond.notify(2048)
    cond.release()
    await asyncio.sleep(0)
    print(result, [(t.done(), t.result()) for t in ts])

    cond = asyncio.Condition(loop=asyncio.get_running_loop())
    result = []
    ts = await waiters(cond, result, (1, 2))
    await asyncio.sleep(0)
    print(result)
    await cond.acquire()
    cond.notify_all()
    cond.release()
    await asyncio.sleep(0)
    print(result, [(t.done(), t.result()) for t in ts])

asyncio.run(main())
