# aiospec: description = A timeout that does not fire (10 s around a 0.01 s sleep) is not expired and its when() lies ahead; timeout(None) and timeout_at(None) never fire and their when() is None.
# aiospec: rules = TO1
# aiospec: python = 3.11-3.15
# aiospec: cites = test_timeouts.py::TimeoutTests::test_timeout_not_called test_timeouts.py::TimeoutTests::test_timeout_disabled test_timeouts.py::TimeoutTests::test_timeout_at_disabled
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    async with asyncio.timeout(10) as cm:
        await asyncio.sleep(0.01)
    t1 = loop.time()
    print(cm.expired(), cm.when() > t1, cm.when())
    async with asyncio.timeout(None) as cm:
        await asyncio.sleep(0.01)
    print(cm.expired(), cm.when())
    async with asyncio.timeout_at(None) as cm:
        await asyncio.sleep(0.01)
    print(cm.expired(), cm.when())

asyncio.run(main())
