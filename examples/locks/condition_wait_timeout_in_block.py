# aiospec: description = Inside `async with condition:`, wait_for(condition.wait(), timeout=0.5) raises TimeoutError at 0.5 (the wait re-acquires the lock before the timeout is raised).
# aiospec: python = 3.7 3.9-3.15
# aiospec: rules = K3 WF2
# aiospec: cites = test_locks.py::ConditionTests::test_timeout_in_block
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    condition = asyncio.Condition()
    async with condition:
        try:
            await asyncio.wait_for(condition.wait(), timeout=0.5)
        except asyncio.TimeoutError:
            print('TimeoutError', loop.time(), condition.locked())
    print(condition.locked())

asyncio.run(main())
