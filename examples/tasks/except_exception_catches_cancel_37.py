# aiospec: description = On 3.7 CancelledError is an Exception, so `except Exception` swallows a cancellation.
# aiospec: rules = T10
import asyncio


async def worker():
    try:
        await asyncio.sleep(1)
    except Exception as e:
        print('except Exception caught', repr(e))
        return 'swallowed'
    return 'normal'

async def main():
    t = asyncio.create_task(worker())
    await asyncio.sleep(0.5)
    t.cancel()
    try:
        print(await t)
    except asyncio.CancelledError as e:
        print('caught', repr(e))

asyncio.run(main())
