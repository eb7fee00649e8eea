# aiospec: description = Cancelling the task that awaits a gather cancels the gather, which cancels the children.
# aiospec: rules = G6 T6
import asyncio


async def loud(name, d):
    try:
        await asyncio.sleep(d)
        print(name, 'finished')
        return name
    except asyncio.CancelledError:
        print(name, 'cancelled')
        raise

gatherer = None


async def waiter():
    global gatherer
    gatherer = asyncio.gather(loud('a', 1), loud('b', 2))
    await gatherer

async def main():
    t = asyncio.create_task(waiter())
    await asyncio.sleep(0.5)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError as e:
        print('caught', repr(e))
    print('t cancelled?', t.cancelled())
    print('cancelling the gather afterwards returns', gatherer.cancel())

asyncio.run(main())
