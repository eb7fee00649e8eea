# aiospec: description = Three tasks wait on a Condition; notify() and notify(2) wake them in FIFO order, each only once the notifier releases the lock, and each wait() returns True with the lock held; here each primitive is made with loop= the running loop, which 3.8 and 3.9 warn is deprecated.
# aiospec: python = 3.8
# aiospec: rules = K3 L8
# aiospec: cites = test_locks.py::ConditionTests::test_wait
import asyncio


async def main():
    cond = asyncio.Condition(loop=asyncio.get_running_loop())
    result = []

    async def c(n, result):
        await cond.acquire()
        if await cond.wait():
            result.append(n)
        return True

    ts = [asyncio.create_task(c(n, result)) for n in (1, 2, 3)]
    await asyncio.sleep(0)
    print(result, cond.locked())
    print(await cond.acquire())
    cond.notify()
    await asyncio.sleep(0)
    print(result, cond.locked())
    cond.release()
    await asyncio.sleep(0)
    print(result, cond.locked())
    cond.notify(2)
    await asyncio.sleep(0)
    print(result, cond.locked())
    cond.release()
    await asyncio.sleep(0)
    print(result, cond.locked())
    cond.release()
    await asyncio.sleep(0)
    print(result, cond.locked())
    print([(t.done(), t.result()) for t in ts])

asyncio.run(main())
