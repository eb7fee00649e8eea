# aiospec: description = `async with cond:` holds a Condition's lock inside the block and releases it after.
# aiospec: python = 3.9-3.15
# aiospec: rules = K3
# aiospec: cites = test_locks.py::ConditionTests::test_context_manager
import asyncio


async def main():
    cond = asyncio.Condition()
    print(cond.locked())
    async with cond:
        print(cond.locked())
    print(cond.locked())

asyncio.run(main())
