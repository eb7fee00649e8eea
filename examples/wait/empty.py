# aiospec: description = An empty wait raises ValueError.
# aiospec: rules = W8
# aiospec: cites = test_tasks.py::BaseTaskTests::test_wait_errors
import asyncio


async def main():
    try:
        await asyncio.wait([])
    except ValueError as e:
        print('caught', repr(e))

asyncio.run(main())
