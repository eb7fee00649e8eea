# aiospec: description = Barrier(5) reset() by the first drained task to see the barrier's private _count equal to 2 (the tasks still inside it): the two waiting tasks get BrokenBarrierError, nobody is left waiting, and the barrier is not resetting or broken.
# aiospec: python = 3.11-3.15
# aiospec: rules = K5
# aiospec: cites = test_locks.py::BarrierTests::test_reset_barrier_when_tasks_half_draining
import asyncio

N = 5


async def main():
    barrier = asyncio.Barrier(N)
    results1 = []
    rest_of_tasks = N // 2

    async def coro():
        try:
            await barrier.wait()
        except asyncio.BrokenBarrierError:
            results1.append(True)
        else:
            if rest_of_tasks == barrier._count:
                await barrier.reset()

    await asyncio.gather(*[asyncio.create_task(coro()) for _ in range(N)])
    print(results1, barrier.n_waiting, 'resetting' in repr(barrier), barrier.broken)

asyncio.run(main())
