# aiospec: description = Under FIRST_EXCEPTION, when the failing task is the last to finish, `counter <= 0` short-circuits and exception() is not called: it is reported.
# aiospec: rules = W4 R6
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
    ts = [asyncio.create_task(work('a', 0.25)), asyncio.create_task(fail('b', 0.5))]
    done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_EXCEPTION)
    print(len(done), len(pending))

asyncio.run(main())
