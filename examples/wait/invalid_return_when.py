# aiospec: description = An invalid return_when raises ValueError when wait is awaited.
# aiospec: rules = W8
import asyncio


async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def main():
    t = asyncio.create_task(work('a', 0))
    rw = 'SOME' + 'TIMES'
    try:
        await asyncio.wait([t], return_when=rw)
    except ValueError as e:
        print('caught', repr(e))
    await t

asyncio.run(main())
