# aiospec: description = Cancelling a sleeping task throws CancelledError at its await.
# aiospec: rules = T6 S3
import asyncio


async def loud(name, d):
    try:
        await asyncio.sleep(d)
        print(name, 'finished')
        return name
    except asyncio.CancelledError:
        print(name, 'cancelled')
        raise

async def main():
    t = asyncio.create_task(loud('a', 1))
    await asyncio.sleep(0.5)
    print(t.cancel())
    try:
        await t
    except asyncio.CancelledError as e:
        print('caught', repr(e))
    print(t.cancelled())

asyncio.run(main())
