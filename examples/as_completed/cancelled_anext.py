# aiospec: description = A timeout around one anext() of as_completed's async iterator: up to 3.14.8 and 3.15.0 the iterator loses an item; 3.14.9 and 3.15.1 give it back.
# aiospec: python = 3.13-3.15
# aiospec: rules = AC1
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    futs = [loop.create_future() for _ in range(2)]
    it = aiter(asyncio.as_completed(futs))
    try:
        async with asyncio.timeout(0.01):
            await anext(it)
    except TimeoutError:
        print("first anext timed out")
    futs[0].set_result("a")
    futs[1].set_result("b")
    print("rest of the async iteration:", [await f async for f in it])

asyncio.run(main())
