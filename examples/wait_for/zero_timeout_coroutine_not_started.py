# aiospec: description = wait_for(coroutine, 0) raises TimeoutError at once without ever starting the coroutine.
# aiospec: rules = WF5
# aiospec: cites = test_tasks.py::BaseTaskTests::test_wait_for_timeout_less_then_0_or_0_coroutine_do_not_started test_waitfor.py::AsyncioWaitForTest::test_wait_for_timeout_less_then_0_or_0_coroutine_do_not_started
import asyncio

foo_started = False


async def foo():
    global foo_started
    foo_started = True


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    try:
        await asyncio.wait_for(foo(), 0)
    except asyncio.TimeoutError:
        print('TimeoutError')
    print('foo_started', foo_started, 'elapsed', f'{loop.time() - t0:.2f}')

asyncio.run(main())
