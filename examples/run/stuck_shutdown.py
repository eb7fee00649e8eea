# aiospec: description = A task that survives cancellation by awaiting forever makes the shutdown gather stuck.
# aiospec: rules = X2 L5
import asyncio


async def immortal():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print('refusing to die')
        await asyncio.wait([asyncio.create_task(asyncio.sleep(100))])

async def main():
    asyncio.create_task(immortal())
    await asyncio.sleep(0)

asyncio.run(main())
