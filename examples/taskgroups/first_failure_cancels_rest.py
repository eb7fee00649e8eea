# aiospec: description = In a TaskGroup the first failure cancels the other children and the body; the errors come out together as an ExceptionGroup when the group exits, unlike gather, whose siblings keep running.
# aiospec: rules = TG1
# aiospec: python = 3.11-3.15
import asyncio


async def child(name, delay, fail=False):
    try:
        await asyncio.sleep(delay)
        if fail:
            raise ValueError(name)
        print(name, 'finished')
    except asyncio.CancelledError:
        print(name, 'cancelled at', asyncio.get_running_loop().time())
        raise


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child('slow', 2))
            tg.create_task(child('bad', 0.5, fail=True))
            tg.create_task(child('fast', 0.25))
            print('body waiting', tg)
            await asyncio.sleep(1)
            print('not reached')
    except ExceptionGroup as eg:
        print('caught', repr(eg), eg.exceptions)

asyncio.run(main())
