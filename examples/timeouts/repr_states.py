# aiospec: description = The repr of a Timeout in each state: '<Timeout [active] when=...>' inside the block (when=None for timeout(None)), '<Timeout [expired]>' after it fired, '<Timeout [finished]>' after a block that ended in time.
# aiospec: rules = TO1
# aiospec: python = 3.11-3.15
# aiospec: cites = test_timeouts.py::TimeoutTests::test_repr_active test_timeouts.py::TimeoutTests::test_repr_expired test_timeouts.py::TimeoutTests::test_repr_finished test_timeouts.py::TimeoutTests::test_repr_disabled
import asyncio


async def main():
    async with asyncio.timeout(10) as cm:
        print(repr(cm))
    try:
        async with asyncio.timeout(0.01) as cm:
            await asyncio.sleep(10)
    except TimeoutError:
        print(repr(cm))
    async with asyncio.timeout(10) as cm:
        await asyncio.sleep(0)
    print(repr(cm))
    async with asyncio.timeout(None) as cm:
        print(repr(cm))

asyncio.run(main())
