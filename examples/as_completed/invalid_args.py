# aiospec: description = as_completed() of a single Future or a single coroutine (not an iterable of them) raises TypeError, at the call or at the first next(); from 3.13 also when iterated with async for.
# aiospec: rules = AC1
# aiospec: cites = test_tasks.py::BaseTaskTests::test_as_completed_invalid_args
import asyncio


async def coroutine_function():
    pass


async def try_async_iterator(aw):
    async for f in asyncio.as_completed(aw):
        break


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    try:
        iterator = asyncio.as_completed(fut)
        next(iterator)
    except TypeError:
        print('future: TypeError')
    coro = coroutine_function()
    try:
        iterator = asyncio.as_completed(coro)
        next(iterator)
    except TypeError:
        print('coroutine: TypeError')
    coro.close()
    if hasattr(asyncio.as_completed([]), '__aiter__'):
        fut = loop.create_future()
        try:
            await try_async_iterator(fut)
        except TypeError:
            print('async future: TypeError')
        coro = coroutine_function()
        try:
            await try_async_iterator(coro)
        except TypeError:
            print('async coroutine: TypeError')
        coro.close()

asyncio.run(main())
