# aiospec: description = A Barrier(5)'s repr through its states: filling (0/5, then 2 waiters), draining once full, resetting after reset(), broken after abort(); the waiters then end with BrokenBarrierError.
# aiospec: python = 3.11-3.15
# aiospec: rules = K5
# aiospec: cites = test_locks.py::BarrierTests::test_repr
import asyncio


def shape(r):
    head, _, rest = r.partition(' object at ')
    return head + ' ' + rest[rest.index(' [') + 1:]


async def main():
    barrier = asyncio.Barrier(5)
    print(shape(repr(barrier)))
    waiters = []

    async def wait(barrier):
        await barrier.wait()

    for i in range(2):
        waiters.append(asyncio.create_task(wait(barrier)))
    await asyncio.sleep(0)
    print(shape(repr(barrier)))
    for i in range(barrier.parties - barrier.n_waiting):
        waiters.append(asyncio.create_task(wait(barrier)))
    await asyncio.sleep(0)
    print(shape(repr(barrier)))
    for i in range(2):
        waiters.append(asyncio.create_task(wait(barrier)))
    await asyncio.sleep(0)
    await barrier.reset()
    print(shape(repr(barrier)))
    for i in range(2):
        waiters.append(asyncio.create_task(wait(barrier)))
    await asyncio.sleep(0)
    await barrier.abort()
    print(shape(repr(barrier)), barrier.broken)
    r = await asyncio.gather(*waiters, return_exceptions=True)
    print([type(x).__name__ for x in r])

asyncio.run(main())
