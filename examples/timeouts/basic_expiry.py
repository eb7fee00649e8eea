# aiospec: description = timeout(0.01) and timeout_at(now + 0.01) around a long sleep: each raises TimeoutError at 0.01 s, expired() is True, and timeout_at's when() is the deadline given.
# aiospec: rules = TO1
# aiospec: python = 3.11-3.15
# aiospec: cites = test_timeouts.py::TimeoutTests::test_timeout_basic test_timeouts.py::TimeoutTests::test_timeout_at_basic
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(0.01) as cm:
            await asyncio.sleep(10)
    except TimeoutError:
        print('TimeoutError at', loop.time(), 'expired', cm.expired())
    try:
        deadline = loop.time() + 0.01
        async with asyncio.timeout_at(deadline) as cm:
            await asyncio.sleep(10)
    except TimeoutError:
        print('TimeoutError at', loop.time(), 'expired', cm.expired(), 'when is deadline', cm.when() == deadline)

asyncio.run(main())
