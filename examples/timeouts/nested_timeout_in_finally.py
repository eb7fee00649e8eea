# aiospec: description = A timeout(0.01) inside the finally of a block whose own timeout(0.01) expired: both raise TimeoutError, each caused by its own CancelledError; the outer chain prints as (type, cause type, context type, context is cause).
# aiospec: rules = TO1
# aiospec: python = 3.11-3.15
# aiospec: cites = test_timeouts.py::TimeoutTests::test_nested_timeout_in_finally
import asyncio


async def main():
    e2 = None
    try:
        async with asyncio.timeout(0.01):
            try:
                await asyncio.sleep(1)
            finally:
                try:
                    async with asyncio.timeout(0.01):
                        await asyncio.sleep(10)
                except TimeoutError as e:
                    e2 = e
    except TimeoutError as e1:
        e12 = e1.__cause__
        print(type(e12).__name__, e12.__cause__, e12.__context__, e1.__context__ is e12)
        e22 = e2.__cause__
        print(type(e22).__name__, e22.__cause__, e22.__context__ is e12, e2.__context__ is e22)

asyncio.run(main())
