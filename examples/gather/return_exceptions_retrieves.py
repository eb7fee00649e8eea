# aiospec: description = With return_exceptions=True the exceptions are retrieved: no report even though nobody looks at the list.
# aiospec: rules = G3 R3
import asyncio


async def fail(name, d):
    await asyncio.sleep(d)
    print(name, 'raising at', d)
    raise ValueError(name)

async def main():
    await asyncio.gather(fail('a', 0.5), fail('b', 0.25), return_exceptions=True)

asyncio.run(main())
