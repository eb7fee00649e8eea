# aiospec: description = Nested timeouts while the loop is blocked (time.sleep inside the inner one past both deadlines): the inner raises TimeoutError, caught there, and the outer still raises TimeoutError.
# aiospec: rules = TO1
# aiospec: python = 3.11-3.15
# aiospec: cites = test_timeouts.py::TimeoutTests::test_nested_timeouts_concurrent test_timeouts.py::TimeoutTests::test_nested_timeouts_loop_busy
import asyncio
import time


async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(0.002):
            try:
                async with asyncio.timeout(0.1):
                    time.sleep(0.01)
                    await asyncio.sleep(1)
            except TimeoutError:
                print('inner TimeoutError')
    except TimeoutError:
        print('outer TimeoutError')
    t0 = loop.time()
    try:
        async with asyncio.timeout(0.1):
            try:
                async with asyncio.timeout(0.01):
                    time.sleep(0.1)
                    await asyncio.sleep(1)
            except TimeoutError:
                print('inner TimeoutError')
            await asyncio.sleep(10)
    except TimeoutError:
        print('outer TimeoutError')
    t1 = loop.time()
    print(t0 <= t1 <= t0 + 1)

asyncio.run(main())
