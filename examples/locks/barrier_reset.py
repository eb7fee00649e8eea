# aiospec: description = Barrier(5).reset(): four waiting tasks get BrokenBarrierError and it is usable again; a reset by the last drained task while others block breaks only the blocked ones, who wait again; a reset while tasks drain lets the rest pass; a reset with four waiters who wait again in `finally` completes with a fifth.
# aiospec: python = 3.11-3.15
# aiospec: rules = K5
# aiospec: cites = test_locks.py::BarrierTests::test_reset_barrier_while_tasks_waiting test_locks.py::BarrierTests::test_reset_barrier_when_tasks_half_draining_half_blocking test_locks.py::BarrierTests::test_reset_barrier_while_tasks_draining test_locks.py::BarrierTests::test_reset_barrier_while_tasks_waiting_and_waiting_again
import asyncio

N = 5


async def gather_tasks(n, coro):
    tasks = [asyncio.create_task(coro()) for _ in range(n)]
    return await asyncio.gather(*tasks), tasks


async def while_waiting():
    barrier = asyncio.Barrier(N)
    results = []

    async def coro():
        try:
            await barrier.wait()
        except asyncio.BrokenBarrierError:
            results.append(True)

    async def coro_reset():
        await barrier.reset()

    tasks = [asyncio.create_task(coro()) for _ in range(N - 1)]
    await asyncio.sleep(0)
    asyncio.create_task(coro_reset())
    await asyncio.gather(*tasks)
    print('while waiting', len(results), all(results), barrier.n_waiting, 'resetting' in repr(barrier), barrier.broken)


async def half_draining_half_blocking():
    barrier = asyncio.Barrier(N)
    results1 = []
    results2 = []
    blocking_tasks = N // 2
    count = 0

    async def coro():
        nonlocal count
        try:
            await barrier.wait()
        except asyncio.BrokenBarrierError:
            results1.append(True)
            await barrier.wait()
        else:
            count += 1
            if count > blocking_tasks:
                await barrier.reset()
                await barrier.wait()
            else:
                try:
                    await barrier.wait()
                except asyncio.BrokenBarrierError:
                    results2.append(True)

    await gather_tasks(N, coro)
    print('half draining half blocking', results1, results2, barrier.n_waiting, 'resetting' in repr(barrier), barrier.broken)


async def while_draining():
    barrier = asyncio.Barrier(N)
    results1 = []
    results2 = []
    results3 = []
    count = 0

    async def coro():
        nonlocal count
        i = await barrier.wait()
        count += 1
        if count == N:
            await barrier.reset()
            await barrier.wait()
        else:
            try:
                await barrier.wait()
                results1.append(True)
            except Exception:
                results2.append(True)
        k = await barrier.wait()
        results3.append(True)

    await gather_tasks(N, coro)
    print('while draining', barrier.broken, all(results1), len(results1), len(results2), len(results3), barrier.n_waiting)


async def waiting_again():
    barrier = asyncio.Barrier(N)
    results1 = []
    results2 = []

    async def coro1():
        try:
            await barrier.wait()
        except asyncio.BrokenBarrierError:
            results1.append(True)
        finally:
            await barrier.wait()
            results2.append(True)

    async def coro2():
        async with barrier:
            results2.append(True)

    tasks = [asyncio.create_task(coro1()) for _ in range(N - 1)]
    asyncio.create_task(barrier.reset())
    await asyncio.sleep(0)
    asyncio.create_task(coro2())
    await asyncio.gather(*tasks)
    print('waiting again', barrier.broken, len(results1), all(results1), len(results2), all(results2), barrier.n_waiting)


async def main():
    await while_waiting()
    await half_draining_half_blocking()
    await while_draining()
    await waiting_again()

asyncio.run(main())
