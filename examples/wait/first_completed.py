# aiospec: description = FIRST_COMPLETED returns as soon as one task is done; the others keep running and are not cancelled.
# aiospec: rules = W2 W5
import asyncio


async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def main():
    ts = [asyncio.create_task(work('a', 0.5)), asyncio.create_task(work('b', 0.25))]
    done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_COMPLETED)
    print(len(done), len(pending))
    await asyncio.sleep(1)

asyncio.run(main())
