# aiospec: description = An exception raised in a timeout() block before it expires (KeyError) passes through unchanged and the timeout is not expired.
# aiospec: rules = TO1
# aiospec: python = 3.11-3.15
# aiospec: cites = test_timeouts.py::TimeoutTests::test_foreign_exception_passed
import asyncio


async def main():
    try:
        async with asyncio.timeout(0.01) as cm:
            raise KeyError
    except KeyError as e:
        print(repr(e), cm.expired())

asyncio.run(main())
