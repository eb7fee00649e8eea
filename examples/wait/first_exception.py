# aiospec: description = FIRST_EXCEPTION returns when a task raises.
# aiospec: rules = W3 W4
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
    ts = [asyncio.create_task(work('a', 1)), asyncio.create_task(fail('b', 0.25)), asyncio.create_task(work('c', 2))]
    done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_EXCEPTION)
    print(len(done), len(pending))
    for t in pending:
        t.cancel()
    await asyncio.sleep(0)

asyncio.run(main())
