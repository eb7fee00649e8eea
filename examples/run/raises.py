# aiospec: description = asyncio.run raises main's exception.
# aiospec: rules = X1
# aiospec: cites = test_runners.py::RunTests::test_asyncio_run_raises
import asyncio


async def main():
    raise ValueError('spam')

asyncio.run(main())
