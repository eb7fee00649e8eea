# aiospec: description = wait(ALL_COMPLETED) returns when every task is done; it never raises their exceptions.
# aiospec: rules = W1 W6 R6
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
    ts = [asyncio.create_task(work('a', 0.5)), asyncio.create_task(fail('b', 0.25))]
    done, pending = await asyncio.wait(ts)
    print(len(done), len(pending))

asyncio.run(main())
