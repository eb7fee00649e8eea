# aiospec: description = From fuzz seed 14 case 2219: as_completed of coroutines beside TaskGroups and timeouts in tasks; the shutdown gathers its results in the set order CPython used (recorded by the oracle, SPEC L6).
# aiospec: python = 3.11-3.15
# aiospec: rules = L6 AC1 TG1
import asyncio


async def c0():
    try:
        await asyncio.sleep(0)
    except asyncio.CancelledError:
        print('c0', 'swallows cancel')
    return 'c0'

async def c1():
    try:
        async with asyncio.timeout(0.25):
            await asyncio.sleep(0.5)
    except TimeoutError:
        print('c1', 'timed out')
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(c0())
            tg.create_task(c0())
        print('c1', 'taskgroup done')
    except Exception as e:
        print('c1', 'taskgroup raised', repr(e))
    return 'c1'

async def main():
    t0 = asyncio.create_task(c0())
    t1 = asyncio.create_task(c1())
    t2 = asyncio.create_task(c1())
    for f in asyncio.as_completed([c0(), t1, c1()], timeout=0.25):
        try:
            print('as_completed ->', await f)
        except BaseException as e:
            print('as_completed item raised', repr(e))

asyncio.run(main())
