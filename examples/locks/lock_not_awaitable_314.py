# aiospec: description = `await lock` raises TypeError "'Lock' object can't be awaited" (3.14's wording) and leaves the Lock unlocked.
# aiospec: python = 3.14-3.15
# aiospec: rules = K1
# aiospec: cites = test_locks.py::LockTests::test_lock
import asyncio


async def main():
    lock = asyncio.Lock()
    try:
        await lock
    except TypeError as e:
        print('TypeError:', e)
    print('locked', lock.locked())

asyncio.run(main())
