# aiospec: description = Inside `async with condition:`, wait_for(condition.wait(), timeout=0.5) raises TimeoutError at 0.5 (the wait re-acquires the lock before the timeout is raised); here each primitive is made with loop= the running loop, which 3.8 and 3.9 warn is deprecated.
# aiospec: python = 3.8
# aiospec: rules = K3 WF2 L8
# aiospec: cites = test_locks.py::ConditionTests::test_timeout_in_block
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    condition = asyncio.Condition(loop=asyncio.get_running_loop())
    async with condition:
        try:
            await asyncio.wait_for(condition.wait(), timeout=0.5)
        except asyncio.TimeoutError:
            print('TimeoutError', loop.time(), condition.locked())
    print(condition.locked())

asyncio.run(main())
