# aiospec: description = asyncio.run returns main's result.
# aiospec: rules = X1
# aiospec: cites = test_runners.py::RunTests::test_asyncio_run_return
import asyncio


async def main():
    return 42

asyncio.run(main())
