# aiospec: description = as_completed([c, c, other]) with the same coroutine object twice runs it once: two results, 'ham' and 'spam' (plain iterator; from 3.13 also the async one).
# aiospec: rules = AC1
# aiospec: python = 3.7 3.11-3.15
# aiospec: cites = test_tasks.py::BaseTaskTests::test_as_completed_duplicate_coroutines
import asyncio


async def coro(s):
    return s


async def main():
    result = []
    c = coro('ham')
    for f in asyncio.as_completed([c, c, coro('spam')]):
        result.append(await f)
    print('plain', sorted(result))
    if hasattr(asyncio.as_completed([]), '__aiter__'):
        result = []
        c = coro('ham')
        async for f in asyncio.as_completed([c, c, coro('spam')]):
            result.append(await f)
        print('async', sorted(result))

asyncio.run(main())
