# aiospec: description = Cancelling the task that runs a TaskGroup cancels every child and propagates CancelledError, not an ExceptionGroup; a TaskGroup cannot be entered twice nor take tasks once finished.
# aiospec: rules = TG1
# aiospec: python = 3.11-3.15
import asyncio


async def child(name):
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print(name, 'cancelled')
        raise


async def runner():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(child('a'))
        tg.create_task(child('b'))
    print('not reached')


async def main():
    t = asyncio.ensure_future(runner())
    await asyncio.sleep(0.5)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print('runner cancelled:', t.cancelled())
    tg = asyncio.TaskGroup()
    async with tg:
        pass
    for attempt in (lambda: tg.create_task(asyncio.sleep(0)),):
        try:
            attempt()
        except RuntimeError as e:
            print('RuntimeError:', e)

asyncio.run(main())
