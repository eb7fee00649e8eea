# aiospec: description = gather of five bare Futures (and of coroutines awaiting them): the first set_exception makes the gather done with that very exception, its callback runs once; later results, a cancel and another exception change nothing.
# aiospec: rules = G2 G4
# aiospec: cites = test_tasks.py::GatherTestsBase::test_one_exception
import asyncio


async def settle():
    for _ in range(5):
        await asyncio.sleep(0)


def wrap(futures):
    async def coro(fut):
        return await fut
    return [coro(f) for f in futures]


async def check(label, wrapped):
    loop = asyncio.get_running_loop()
    a, b, c, d, e = [loop.create_future() for i in range(5)]
    args = wrap([a, b, c, d, e]) if wrapped else [a, b, c, d, e]
    fut = asyncio.gather(*args)
    calls = []
    fut.add_done_callback(calls.append)
    exc = ZeroDivisionError()
    a.set_result(1)
    b.set_exception(exc)
    await settle()
    print(label, 'done', fut.done(), 'callback calls', len(calls), 'with fut', calls[0] is fut)
    print(label, 'exception is exc', fut.exception() is exc)
    # does nothing
    c.set_result(3)
    d.cancel()
    e.set_exception(RuntimeError())
    e.exception()
    await settle()
    print(label, 'afterwards: callback calls', len(calls), 'exception is exc', fut.exception() is exc)


async def main():
    await check('futures', False)
    await check('coroutines', True)

asyncio.run(main())
