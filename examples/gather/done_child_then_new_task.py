# aiospec: description = gather(done_task, coroutine): gather calls ensure_future then add_done_callback per argument, so the callback for the task already done is scheduled before the new task's first step (found by the conformance campaign in aiospec-impl).
# aiospec: rules = G9 F2
import asyncio


async def c2():
    print('c2', 'step')
    raise ValueError('c2')

async def main():
    t0 = asyncio.create_task(c2())
    try:
        await asyncio.gather(t0)
    except Exception as e:
        print('first gather raised', repr(e))
    try:
        await asyncio.gather(t0, c2())
    except Exception as e:
        print('second gather raised', repr(e))
    await asyncio.sleep(0)

asyncio.run(main())
