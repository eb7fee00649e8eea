# aiospec: description = gather of three bare Futures (and of coroutines awaiting them), completed out of order by set_result: not done until the last one, then its done callback runs once and the result is in argument order, with return_exceptions left out, False or True.
# aiospec: rules = G1 G9
# aiospec: cites = test_tasks.py::GatherTestsBase::test_success test_tasks.py::GatherTestsBase::test_result_exception_success
import asyncio


async def settle():
    for _ in range(5):
        await asyncio.sleep(0)


def wrap(futures):
    async def coro(fut):
        return await fut
    return [coro(f) for f in futures]


async def check(label, wrapped, **kwargs):
    loop = asyncio.get_running_loop()
    a, b, c = [loop.create_future() for i in range(3)]
    args = wrap([a, b, c]) if wrapped else [a, b, c]
    fut = asyncio.gather(*args, **kwargs)
    calls = []
    fut.add_done_callback(calls.append)
    b.set_result(1)
    a.set_result(2)
    await settle()
    print(label, 'after a, b: callback calls', len(calls), 'done', fut.done())
    c.set_result(3)
    await settle()
    print(label, 'after c: callback calls', len(calls), 'with fut', calls[0] is fut)
    print(label, 'result', fut.result())


async def main():
    for wrapped in (False, True):
        kind = 'coroutines' if wrapped else 'futures'
        await check(kind + ' default', wrapped)
        await check(kind + ' return_exceptions=False', wrapped, return_exceptions=False)
        await check(kind + ' return_exceptions=True', wrapped, return_exceptions=True)

asyncio.run(main())
