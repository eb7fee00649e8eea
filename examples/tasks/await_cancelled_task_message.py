# aiospec: description = The message of a cancelled task as its awaiter sees it (lost on 3.9/3.10, kept on 3.11+).
# aiospec: python = 3.9-3.15
# aiospec: rules = T9
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
    await asyncio.sleep(0.5)
    t.cancel('bye')
    try:
        await t
    except asyncio.CancelledError as e:
        print('caught', repr(e))

asyncio.run(main())
