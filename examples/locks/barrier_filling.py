# aiospec: description = Barrier(N) filled by N tasks: `async with barrier as i` gives each index 0..N-1 once; three tasks filling a Barrier(3) one per turn; N tasks passing it twice; each time nobody is left waiting and the barrier is not broken.
# aiospec: python = 3.11-3.15
# aiospec: rules = K5
# aiospec: cites = test_locks.py::BarrierTests::test_context_manager test_locks.py::BarrierTests::test_filling_task_by_task test_locks.py::BarrierTests::test_filling_tasks_wait_twice test_locks.py::BarrierTests::test_filling_tasks_check_return_value
import asyncio


async def gather_tasks(n, coro):
    tasks = [asyncio.create_task(coro()) for _ in range(n)]
    return await asyncio.gather(*tasks), tasks


async def main():
    barrier = asyncio.Barrier(3)
    results = []

    async def coro():
        async with barrier as i:
            results.append(i)

    await gather_tasks(3, coro)
    print('context manager', sorted(results), barrier.n_waiting, barrier.broken)

    barrier = asyncio.Barrier(3)
    t1 = asyncio.create_task(barrier.wait())
    await asyncio.sleep(0)
    print(barrier.n_waiting, 'filling' in repr(barrier))
    t2 = asyncio.create_task(barrier.wait())
    await asyncio.sleep(0)
    print(barrier.n_waiting, 'filling' in repr(barrier))
    t3 = asyncio.create_task(barrier.wait())
    await asyncio.sleep(0)
    await asyncio.wait([t1, t2, t3])
    print('task by task', barrier.n_waiting, barrier.broken)

    N = 5
    barrier = asyncio.Barrier(N)
    results = []

    async def twice():
        async with barrier:
            results.append(True)
            async with barrier:
                results.append(False)

    await gather_tasks(N, twice)
    print('twice', len(results), results.count(True), results.count(False), barrier.n_waiting, barrier.broken)

    barrier = asyncio.Barrier(N)
    results1 = []
    results2 = []

    async def ret():
        async with barrier:
            results1.append(True)
            async with barrier as i:
                results2.append(True)
                return i

    res, _ = await gather_tasks(N, ret)
    print('return value', len(results1), all(results1), len(results2), all(results2), sorted(res), barrier.n_waiting, barrier.broken)

asyncio.run(main())
