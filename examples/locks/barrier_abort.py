# aiospec: description = Barrier(5).abort(): by a drained task while others block (the blocked and the waiting get BrokenBarrierError); after a task raises inside `async with` (the others get BrokenBarrierError); and then reset() through a second barrier makes it usable again.
# aiospec: python = 3.11-3.15
# aiospec: rules = K5
# aiospec: cites = test_locks.py::BarrierTests::test_abort_barrier_when_tasks_half_draining_half_blocking test_locks.py::BarrierTests::test_abort_barrier_when_exception test_locks.py::BarrierTests::test_abort_barrier_when_exception_then_resetting
import asyncio

N = 5


async def gather_tasks(n, coro):
    tasks = [asyncio.create_task(coro()) for _ in range(n)]
    return await asyncio.gather(*tasks), tasks


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
        else:
            count += 1
            if count > blocking_tasks:
                await barrier.abort()
            else:
                try:
                    await barrier.wait()
                except asyncio.BrokenBarrierError:
                    results2.append(True)

    await gather_tasks(N, coro)
    print('half draining', barrier.broken, results1, results2, barrier.n_waiting, 'resetting' in repr(barrier))


async def when_exception():
    barrier = asyncio.Barrier(N)
    results1 = []
    results2 = []

    async def coro():
        try:
            async with barrier as i:
                if i == N // 2:
                    raise RuntimeError
            async with barrier:
                results1.append(True)
        except asyncio.BrokenBarrierError:
            results2.append(True)
        except RuntimeError:
            await barrier.abort()

    await gather_tasks(N, coro)
    print('exception', barrier.broken, len(results1), len(results2), all(results2), barrier.n_waiting)


async def exception_then_resetting():
    barrier1 = asyncio.Barrier(N)
    barrier2 = asyncio.Barrier(N)
    results1 = []
    results2 = []
    results3 = []

    async def coro():
        try:
            i = await barrier1.wait()
            if i == N // 2:
                raise RuntimeError
            await barrier1.wait()
            results1.append(True)
        except asyncio.BrokenBarrierError:
            results2.append(True)
        except RuntimeError:
            await barrier1.abort()
        i = await barrier2.wait()
        if i == N // 2:
            await barrier1.reset()
        await barrier2.wait()
        await barrier1.wait()
        results3.append(True)

    await gather_tasks(N, coro)
    print('then resetting', barrier1.broken, len(results1), len(results2), all(results2), len(results3), all(results3), barrier1.n_waiting)


async def main():
    await half_draining_half_blocking()
    await when_exception()
    await exception_then_resetting()

asyncio.run(main())
