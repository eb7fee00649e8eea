# aiospec: description = wait(timeout=0) while a child is one step from done at the same instant: asyncio's turn order decides (the child finishes first here); tokio may let the timeout win. Outside C2 (skipped there with the reason), C1 on the executor.
# aiospec: rules = W11 L4 C2
import asyncio


async def c0():
    await asyncio.sleep(0)
    return 'c0'

async def c1():
    try:
        r = await asyncio.gather(c0(), return_exceptions=False)
        print('c1', 'gathered', r)
    except Exception as e:
        print('c1', 'gather raised', repr(e))
    return 'c1'

async def main():
    t0 = asyncio.create_task(c0())
    t1 = asyncio.create_task(c0())
    t2 = asyncio.create_task(c1())
    try:
        r = await asyncio.wait_for(t0, None)
        print('wait_for ->', r)
    except BaseException as e:
        print('wait_for raised', repr(e))
    done, pending = await asyncio.wait([t2], timeout=0, return_when=asyncio.ALL_COMPLETED)
    print('wait ->', len(done), len(pending))

asyncio.run(main())
