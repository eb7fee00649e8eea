# aiospec: description = From fuzz seed 13 case 4367: as_completed of coroutines beside a TaskGroup and a shield in one of them; the tasks set(fs) makes are numbered in the set order CPython used, and asyncio.run's shutdown and the TaskGroup's abort cancel in theirs (the oracle records all three, SPEC L6).
# aiospec: python = 3.11-3.15
# aiospec: rules = L6 AC1 TG1
import asyncio

async def c0():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print('c0', 'swallows cancel')
    raise ValueError('c0')

async def c1():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(c0())
            tg.create_task(c0())
        print('c1', 'taskgroup done')
    except Exception as e:
        print('c1', 'taskgroup raised', repr(e))
    try:
        r = await asyncio.shield(c0())
        print('c1', 'shielded', r)
    except Exception as e:
        print('c1', 'shield raised', repr(e))
    print('c1', 'step')
    raise KeyError('c1')

async def c2():
    try:
        await asyncio.sleep(0.5)
    except asyncio.CancelledError:
        print('c2', 'swallows cancel')
    try:
        await asyncio.sleep(0.1)
    except asyncio.CancelledError:
        print('c2', 'cancelled')
        raise
    return 'c2'

async def main():
    t0 = asyncio.create_task(c2())
    t1 = asyncio.create_task(c0())
    for f in asyncio.as_completed([t1, c1(), c0()], timeout=0.5):
        try:
            print('as_completed ->', await f)
        except BaseException as e:
            print('as_completed item raised', repr(e))

asyncio.run(main())
