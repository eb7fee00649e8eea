# aiospec: description = Barrier(5) passed by five tasks: inside `async with`, the first four see the state 'draining', the last 'filling' again; and tasks that wait again while it drains block until the next round (three of them pass a second Barrier(3) meanwhile).
# aiospec: python = 3.11-3.15
# aiospec: rules = K5
# aiospec: cites = test_locks.py::BarrierTests::test_draining_state test_locks.py::BarrierTests::test_blocking_tasks_while_draining
import asyncio

N = 5


async def gather_tasks(n, coro):
    tasks = [asyncio.create_task(coro()) for _ in range(n)]
    return await asyncio.gather(*tasks), tasks


async def main():
    barrier = asyncio.Barrier(N)
    results = []

    async def coro():
        async with barrier:
            results.append("draining" in repr(barrier))

    await gather_tasks(N, coro)
    print(results, barrier.n_waiting, barrier.broken)

    rewait = 2
    barrier = asyncio.Barrier(N)
    barrier_nowaiting = asyncio.Barrier(N - rewait)
    rewait_n = rewait

    async def coro2():
        nonlocal rewait_n
        await barrier.wait()
        if rewait_n > 0:
            rewait_n -= 1
            await barrier.wait()
        else:
            await barrier_nowaiting.wait()
            await barrier.wait()

    await gather_tasks(N, coro2)
    print('blocking while draining passed', barrier.n_waiting, barrier_nowaiting.n_waiting)

asyncio.run(main())
