# aiospec: description = Barrier: `await barrier` raises TypeError and it stays 'filling'; Barrier(0) and Barrier(-4) raise ValueError; Barrier(1) lets one task through (`async with` gives index 0) and a second wait() too; reset() and abort() of an idle Barrier(1): not broken, then broken.
# aiospec: python = 3.11-3.15
# aiospec: rules = K5
# aiospec: cites = test_locks.py::BarrierTests::test_barrier test_locks.py::BarrierTests::test_barrier_parties test_locks.py::BarrierTests::test_filling_one_task test_locks.py::BarrierTests::test_filling_one_task_twice test_locks.py::BarrierTests::test_reset_barrier test_locks.py::BarrierTests::test_abort_barrier
import asyncio


async def main():
    barrier = asyncio.Barrier(5)
    print('filling' in repr(barrier))
    try:
        await barrier
    except TypeError as e:
        print('TypeError:', e)
    print('filling' in repr(barrier))

    for n in (0, -4):
        try:
            asyncio.Barrier(n)
        except ValueError as e:
            print(n, 'ValueError:', e)
    print(isinstance(asyncio.Barrier(5), asyncio.Barrier))

    barrier = asyncio.Barrier(1)

    async def f():
        async with barrier as i:
            return True, i
    print(await f(), barrier.n_waiting, barrier.broken)

    barrier = asyncio.Barrier(1)
    t1 = asyncio.create_task(barrier.wait())
    await asyncio.sleep(0)
    print(barrier.n_waiting)
    t2 = asyncio.create_task(barrier.wait())
    await asyncio.sleep(0)
    print(t1.result(), t2.result(), t1.done(), t2.done(), barrier.n_waiting, barrier.broken)

    barrier = asyncio.Barrier(1)
    asyncio.create_task(barrier.reset())
    await asyncio.sleep(0)
    print('reset', barrier.n_waiting, barrier.broken)

    barrier = asyncio.Barrier(1)
    asyncio.create_task(barrier.abort())
    await asyncio.sleep(0)
    print('abort', barrier.n_waiting, barrier.broken)

asyncio.run(main())
