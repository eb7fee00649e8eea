# aiospec: description = A TimeoutError from asyncio.timeout() that nobody catches: the traceback chains the CancelledError raised in the sleep and shows timeouts.py's __aexit__.
# aiospec: rules = TO1 M5
# aiospec: python = 3.11-3.15
import asyncio


async def fetch():
    await asyncio.sleep(10)


async def main():
    async with asyncio.timeout(1):
        await fetch()

asyncio.run(main())
