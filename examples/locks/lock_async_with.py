# aiospec: description = `async with lock:` holds the Lock inside the block and releases it after.
# aiospec: python = 3.9-3.15
# aiospec: rules = K1
# aiospec: cites = test_locks.py::LockTests::test_context_manager
import asyncio


async def main():
    lock = asyncio.Lock()
    print(lock.locked())
    async with lock:
        print(lock.locked())
    print(lock.locked())

asyncio.run(main())
