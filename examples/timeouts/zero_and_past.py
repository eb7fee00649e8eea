# aiospec: description = timeout(0) around a long sleep or sleep(0), and timeout(-11) around sleep(0): each raises TimeoutError at once (no time passes), expired() is True, and when() is the entry time (0) or before it (-11).
# aiospec: rules = TO1
# aiospec: python = 3.11-3.15
# aiospec: cites = test_timeouts.py::TimeoutTests::test_timeout_zero test_timeouts.py::TimeoutTests::test_timeout_zero_sleep_zero test_timeouts.py::TimeoutTests::test_timeout_in_the_past_sleep_zero
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    for delay, d in (0, 10), (0, 0), (-11, 0):
        t0 = loop.time()
        try:
            async with asyncio.timeout(delay) as cm:
                await asyncio.sleep(d)
        except TimeoutError:
            t1 = loop.time()
            print(delay, d, 'TimeoutError', cm.expired(), t0 <= cm.when() <= t1, t0 >= cm.when() <= t1, t1 - t0)

asyncio.run(main())
