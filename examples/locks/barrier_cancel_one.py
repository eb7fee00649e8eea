# aiospec: description = A waiter of a Barrier(3) cancelled while it fills leaves it (n_waiting drops back) and ends cancelled; two more tasks then fill it with the remaining one.
# aiospec: python = 3.11-3.15
# aiospec: rules = K5
# aiospec: cites = test_locks.py::BarrierTests::test_filling_tasks_cancel_one
import asyncio


async def main():
    barrier = asyncio.Barrier(3)
    results = []

    async def coro():
        await barrier.wait()
        results.append(True)

    t1 = asyncio.create_task(coro())
    await asyncio.sleep(0)
    print(barrier.n_waiting)
    t2 = asyncio.create_task(coro())
    await asyncio.sleep(0)
    print(barrier.n_waiting)
    t1.cancel()
    await asyncio.sleep(0)
    print(barrier.n_waiting)
    try:
        await t1
    except asyncio.CancelledError:
        print('t1 CancelledError', t1.cancelled())
    t3 = asyncio.create_task(coro())
    await asyncio.sleep(0)
    print(barrier.n_waiting)
    t4 = asyncio.create_task(coro())
    await asyncio.gather(t2, t3, t4)
    print(len(results), all(results), barrier.n_waiting, barrier.broken)

asyncio.run(main())
