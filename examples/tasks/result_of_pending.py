# aiospec: description = result() on a pending task raises InvalidStateError.
# aiospec: rules = F1
import asyncio


async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def main():
    t = asyncio.create_task(work('a', 1))
    try:
        t.result()
    except asyncio.InvalidStateError as e:
        print('caught', repr(e))
    await t

asyncio.run(main())
