# aiospec: description = release() of an unlocked Lock raises RuntimeError; acquire() then release() with no waiters leaves it unlocked.
# aiospec: python = 3.7 3.10-3.15
# aiospec: rules = K1
# aiospec: cites = test_locks.py::LockTests::test_release_not_acquired test_locks.py::LockTests::test_release_no_waiters
import asyncio


async def main():
    lock = asyncio.Lock()
    try:
        lock.release()
    except RuntimeError as e:
        print('RuntimeError:', e)
    lock = asyncio.Lock()
    await lock.acquire()
    print('locked', lock.locked())
    lock.release()
    print('locked', lock.locked())

asyncio.run(main())
