# aiospec: description = After FIRST_COMPLETED returns, a later completion does not touch the finished wait.
# aiospec: rules = W5 W6
import asyncio


async def fail(name, d):
    await asyncio.sleep(d)
    print(name, 'raising at', d)
    raise ValueError(name)

async def main():
    ts = [asyncio.create_task(fail('a', 0.25)), asyncio.create_task(fail('b', 0.5))]
    done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_COMPLETED)
    print(len(done), len(pending))
    await asyncio.sleep(1)
    print(ts[1].done())

asyncio.run(main())
