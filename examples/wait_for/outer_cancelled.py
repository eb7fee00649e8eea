# aiospec: description = Cancelling the task inside wait_for cancels the child.
# aiospec: rules = WF4
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
    t = asyncio.create_task(asyncio.wait_for(loud('a', 2), 5))
    await asyncio.sleep(0.5)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError as e:
        print('caught', repr(e))

asyncio.run(main())
