# aiospec: description = Two nested timeout_at() with the same deadline: the inner block sees CancelledError (not TimeoutError), only the outermost raises TimeoutError, and both report expired().
# aiospec: rules = TO1
# aiospec: python = 3.11-3.15
# aiospec: cites = test_timeouts.py::TimeoutTests::test_nested_timeouts
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    cancelled = False
    try:
        deadline = loop.time() + 0.01
        async with asyncio.timeout_at(deadline) as cm1:
            try:
                async with asyncio.timeout_at(deadline) as cm2:
                    await asyncio.sleep(10)
            except asyncio.CancelledError:
                cancelled = True
                raise
    except TimeoutError:
        print('TimeoutError')
    print(cancelled, cm1.expired(), cm2.expired())

asyncio.run(main())
