# aiospec: description = A task started during shutdown is not in the set being cancelled: it runs only for the loop iterations the shutdown takes (one more run_until_complete from 3.9), then is destroyed pending.
# aiospec: rules = X4 R8
import asyncio


async def starter():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        asyncio.create_task(spinner())
        raise

async def spinner():
    for i in range(10):
        print('spin', i)
        await asyncio.sleep(0)

async def main():
    asyncio.create_task(starter())
    await asyncio.sleep(0)

asyncio.run(main())
