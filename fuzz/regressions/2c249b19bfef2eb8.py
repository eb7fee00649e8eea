import asyncio


async def child(i):
    print(list(zip(*[range(2)] * 67108864))[:1])
    return i


async def main():
    print(await asyncio.gather(*[child(i) for i in range(3)], return_exceptions=True))

asyncio.run(main())
