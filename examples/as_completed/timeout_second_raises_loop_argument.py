# aiospec: description = as_completed([a, b], timeout=0.12, loop=loop) (the loop argument deprecated in 3.8 and 3.9) with a done at 0.1 s and b at 0.15 s: the first awaitable gives 'a', the second raises TimeoutError at 0.12 s.
# aiospec: rules = AC1 L8
# aiospec: python = 3.7-3.9
# aiospec: cites = test_tasks.py::BaseTaskTests::test_as_completed_with_timeout
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    a = loop.create_task(asyncio.sleep(0.1, 'a'))
    b = loop.create_task(asyncio.sleep(0.15, 'b'))
    values = []
    for f in asyncio.as_completed([a, b], timeout=0.12, loop=loop):
        try:
            v = await f
            values.append((1, v))
        except asyncio.TimeoutError as exc:
            values.append((2, type(exc).__name__))
    print(values, loop.time())
    await asyncio.wait([a, b])
    print(a.result(), b.result(), loop.time())

asyncio.run(main())
