# aiospec: description = run_forever stopped by loop.call_later(until, loop.stop): pending tasks are destroyed while pending.
# aiospec: rules = X6 R8
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
    asyncio.create_task(loud('a', 5))
    await asyncio.sleep(1)
    print('main done')

loop = asyncio.new_event_loop()
loop.create_task(main())
loop.call_later(2, loop.stop)
loop.run_forever()
loop.close()
