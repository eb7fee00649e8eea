# aiospec: description = wait_for with a task: on timeout the task is cancelled.
# aiospec: rules = WF2
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
    try:
        await asyncio.wait_for(t, 0.5)
    except asyncio.TimeoutError as e:
        print('caught', repr(e))
    print('t cancelled?', t.cancelled())

asyncio.run(main())
