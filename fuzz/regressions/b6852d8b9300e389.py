import asyncio


async def child(i):
    print(0.0 // 0.1 + 0.2, -1e308 % 9007199254740993, divmod(1e300, 0b1), 9007199254740993 ** 1_000_000)
    return i


async def main():
    print(await asyncio.gather(*[child(i) for i in range(3)], return_exceptions=True))

asyncio.run(main())
