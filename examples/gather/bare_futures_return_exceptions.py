# aiospec: description = gather(return_exceptions=True) of four bare Futures (and of coroutines awaiting them): an exception does not finish it; when the last one fails it is done, its callback runs once, and the result holds the exception objects in argument order.
# aiospec: rules = G3
# aiospec: cites = test_tasks.py::GatherTestsBase::test_return_exceptions
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
    a, b, c, d = [loop.create_future() for i in range(4)]
    args = wrap([a, b, c, d]) if wrapped else [a, b, c, d]
    fut = asyncio.gather(*args, return_exceptions=True)
    calls = []
    fut.add_done_callback(calls.append)
    exc = ZeroDivisionError()
    exc2 = RuntimeError()
    b.set_result(1)
    c.set_exception(exc)
    a.set_result(3)
    await settle()
    print(label, 'done', fut.done())
    d.set_exception(exc2)
    await settle()
    print(label, 'done', fut.done(), 'callback calls', len(calls), 'with fut', calls[0] is fut)
    r = fut.result()
    print(label, r, r == [3, 1, exc, exc2], r[2] is exc, r[3] is exc2)


async def main():
    await check('futures', False)
    await check('coroutines', True)

asyncio.run(main())
