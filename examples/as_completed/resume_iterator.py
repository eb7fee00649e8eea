# aiospec: description = An as_completed iterator left after two items (break) resumes where it stopped when iterated again, plain and async: all four results in the end.
# aiospec: rules = AC1
# aiospec: python = 3.13-3.15
# aiospec: cites = test_tasks.py::BaseTaskTests::test_as_completed_resume_iterator
import asyncio


async def coro(i):
    return i


async def try_iterator(awaitables):
    iterator = asyncio.as_completed(awaitables)
    collected = []
    for f in iterator:
        collected.append(await f)
        if len(collected) == 2:
            break
    print('after break', len(collected))
    for f in iterator:
        collected.append(await f)
    return collected


async def try_async_iterator(awaitables):
    iterator = asyncio.as_completed(awaitables)
    collected = []
    async for f in iterator:
        collected.append(await f)
        if len(collected) == 2:
            break
    print('after break', len(collected))
    async for f in iterator:
        collected.append(await f)
    return collected


async def main():
    for foo in try_iterator, try_async_iterator:
        print(foo.__name__, sorted(await foo((coro(0), coro(1), coro(2), coro(3)))))

asyncio.run(main())
