# aiospec: description = A sleep longer than MAXIMUM_SELECT_TIMEOUT (one day) advances the clock in steps.
# aiospec: rules = L4
import asyncio


async def main():
    await asyncio.sleep(100000.5)
    print('woke')

asyncio.run(main())
