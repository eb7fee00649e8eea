# aiospec: description = A deadline of -0.0 ties with one of 0.0 (Python's < holds them equal), so scheduling order decides.
# aiospec: rules = L3
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    print('start', start)
    loop.call_later(0, print, 'first: call_later(0)')
    loop.call_at(-0.0 if start == 0 else start, print, 'second: call_at(-0.0)')
    loop.call_later(0.0, print, 'third: call_later(0.0)')
    loop.call_soon(print, 'call_soon runs before every timer')
    await asyncio.sleep(0.01)
    print('done at', loop.time() - start)

asyncio.run(main())
