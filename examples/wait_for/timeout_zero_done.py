# aiospec: description = timeout=0 with a child already done returns its result.
# aiospec: rules = WF3
# aiospec: cites = test_waitfor.py::AsyncioWaitForTest::test_wait_for_timeout_less_then_0_or_0_future_done
import asyncio


async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def main():
    t = asyncio.create_task(work('a', 0))
    await asyncio.sleep(0.25)
    print(await asyncio.wait_for(t, 0))

asyncio.run(main())
