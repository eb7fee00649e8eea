import asyncio


async def child(i):
    await asyncio.gather(asyncio.current_task())
    return i


async def main():
    print(await asyncio.gather(*[child(i) for i in range(3)], return_exceptions=True))

asyncio.run(main())
