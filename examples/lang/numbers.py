# aiospec: description = Integers have no size limit and floats are IEEE doubles printed by shortest repr; deadlines use the same floats.
# aiospec: rules = M7 L2
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    print(2 ** 100, -7 // 2, -7 % 2, 7 / 2)
    print(0.1 + 0.2, 1e16, 1e-7, round(2.5), round(0.125, 2))
    print(f'{1234567.891:,.2f} {255:#x} {0.5:.0%} {10**20:e}')
    print(int('9' * 30) + 1, hash(-1), (2 ** 64) % 1000)
    start = loop.time()
    await asyncio.sleep(0.1)
    await asyncio.sleep(0.2)
    print(loop.time() - start)

asyncio.run(main())
