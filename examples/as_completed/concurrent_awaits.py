# aiospec: description = The awaitables as_completed yields can all be taken first and awaited together: list() of it gives two, and wait() on tasks made of them gets both results.
# aiospec: rules = AC1
# aiospec: python = 3.7 3.11-3.15
# aiospec: cites = test_tasks.py::BaseTaskTests::test_as_completed_concurrent
import asyncio


async def main():
    a = asyncio.sleep(0.05, 'a')
    b = asyncio.sleep(0.05, 'b')
    futs = list(asyncio.as_completed({a, b}))
    print(len(futs))
    done, pending = await asyncio.wait([asyncio.ensure_future(fut) for fut in futs])
    print(sorted(f.result() for f in done), len(pending), asyncio.get_running_loop().time())

asyncio.run(main())
