# aiospec: description = In a generator-based coroutine (@asyncio.coroutine, deprecated), as_completed([c, c, other]) with the same coroutine object twice runs it once: `yield from` each awaitable gives two results, 'ham' and 'spam'.
# aiospec: rules = AC1
# aiospec: python = 3.10
# aiospec: cites = test_tasks.py::BaseTaskTests::test_as_completed_duplicate_coroutines
import asyncio

loop = asyncio.new_event_loop()


@asyncio.coroutine
def coro(s):
    return s


@asyncio.coroutine
def runner():
    result = []
    c = coro('ham')
    for f in asyncio.as_completed([c, c, coro('spam')]):
        result.append((yield from f))
    return result

fut = loop.create_task(runner())
loop.run_until_complete(fut)
print(sorted(fut.result()), len(fut.result()))
loop.close()
