# aiospec: description = wait's FIRST_EXCEPTION callback calls f.exception(): the exception that woke it is retrieved, so no report for it.
# aiospec: rules = W4 R3
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
    ts = [asyncio.create_task(fail('a', 0.25)), asyncio.create_task(work('b', 0.5))]
    done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_EXCEPTION)
    print(len(done), len(pending))
    await asyncio.sleep(1)

asyncio.run(main())
