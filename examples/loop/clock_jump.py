# aiospec: description = A sleep of 1e20 seconds: each select waits at most a day, and virtual time moves straight to the deadline instead of taking 1e15 selects to get there.
# aiospec: rules = L7 L4
import asyncio
import time


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    await asyncio.sleep(1e20)
    print('woke at', loop.time() - start)
    print('time.monotonic() moved with it:', time.monotonic() >= 1e20)

asyncio.run(main())
