# aiospec: description = A task that fails and is never awaited: 'Task exception was never retrieved'.
# aiospec: rules = R1 R6
import asyncio


async def fail(name, d):
    await asyncio.sleep(d)
    print(name, 'raising at', d)
    raise ValueError(name)

async def main():
    asyncio.create_task(fail('a', 0))
    await asyncio.sleep(0.5)

asyncio.run(main())
