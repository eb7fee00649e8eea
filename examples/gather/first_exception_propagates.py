# aiospec: description = Without return_exceptions the first exception (in completion order) propagates at once; the outer future is done while the other children keep running.
# aiospec: rules = G2 G4
import asyncio


async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def fail(name, d):
    await asyncio.sleep(d)
    print(name, 'raising at', d)
    raise ValueError(name)

async def main():
    try:
        await asyncio.gather(work('a', 1), fail('b', 0.5), fail('c', 0.75))
    except Exception as e:
        print('caught', repr(e))
    print('main continues')
    await asyncio.sleep(2)
    print('end')

asyncio.run(main())
