# aiospec: description = Generator-based coroutines (@asyncio.coroutine, 3.7-3.10; deprecated from 3.8): one `yield from`s a sleep or a Future, one returns a plain value (wrapped in a generator), one bare-yields twice (each a loop iteration); they can be awaited, gathered and made into tasks; a yield of another value is "Task got bad yield", an exception leaves through the decorator's wrapper, and from 3.11 asyncio.coroutine is gone.
# aiospec: rules = T12
import asyncio


@asyncio.coroutine
def sleeper(d, v):
    yield from asyncio.sleep(d)
    return v


@asyncio.coroutine
def via_future():
    loop = asyncio.get_event_loop()
    fut = loop.create_future()
    loop.call_later(0.5, fut.set_result, 'fut')
    r = yield from fut
    return r


@asyncio.coroutine
def plain(x):
    return x * 2


@asyncio.coroutine
def bare_yields():
    yield
    yield
    return 'after two yields'


@asyncio.coroutine
def bad():
    yield 5


@asyncio.coroutine
def failing():
    raise ValueError('boom')


async def main():
    print(await sleeper(0.1, 'a'))
    print(await via_future())
    print(await plain(21))
    t = asyncio.ensure_future(sleeper(1, 'task'))
    print(repr(t).split(' coro=')[0])
    print(await t)
    print(await asyncio.gather(sleeper(0.2, 1), plain(2), bare_yields()))
    print(asyncio.iscoroutine(plain(1)))
    try:
        await asyncio.ensure_future(bad())
    except RuntimeError as e:
        print('RuntimeError', e)
    await failing()

asyncio.run(main())
