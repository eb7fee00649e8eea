# aiospec: description = Cancelling the task that waits: CancelledError propagates out of wait; the children are not cancelled.
# aiospec: rules = W12 W5
import asyncio


async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def waiter(t):
    await asyncio.wait([t])

async def main():
    t = asyncio.create_task(work('a', 1))
    w = asyncio.create_task(waiter(t))
    await asyncio.sleep(0.5)
    w.cancel()
    try:
        await w
    except asyncio.CancelledError as e:
        print('caught', repr(e))
    print('t cancelled?', t.cancelled())
    await t

asyncio.run(main())
