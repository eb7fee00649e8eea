# aiospec: description = Awaiting a failed task retrieves its exception.
# aiospec: rules = R2
import asyncio


async def fail(name, d):
    await asyncio.sleep(d)
    print(name, 'raising at', d)
    raise ValueError(name)

async def main():
    t = asyncio.create_task(fail('a', 0))
    await asyncio.sleep(0.5)
    try:
        await t
    except Exception as e:
        print('caught', repr(e))

asyncio.run(main())
