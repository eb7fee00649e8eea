# aiospec: description = Entering a Timeout again, inside its block or after it, raises RuntimeError 'Timeout has already been entered'.
# aiospec: rules = TO1
# aiospec: python = 3.11-3.15
# aiospec: cites = test_timeouts.py::TimeoutTests::test_timeout_already_entered test_timeouts.py::TimeoutTests::test_timeout_double_enter
import asyncio


async def main():
    async with asyncio.timeout(0.01) as cm:
        try:
            async with cm:
                pass
        except RuntimeError as e:
            print('inside:', e)
    async with asyncio.timeout(0.01) as cm:
        pass
    try:
        async with cm:
            pass
    except RuntimeError as e:
        print('after:', e)

asyncio.run(main())
