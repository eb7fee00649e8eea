# aiospec: description = release() of an unlocked Lock raises RuntimeError; acquire() then release() with no waiters leaves it unlocked; here each primitive is made with loop= the running loop, which 3.8 and 3.9 warn is deprecated.
# aiospec: python = 3.8-3.9
# aiospec: rules = K1 L8
# aiospec: cites = test_locks.py::LockTests::test_release_not_acquired test_locks.py::LockTests::test_release_no_waiters
import asyncio


async def main():
    lock = asyncio.Lock(loop=asyncio.get_running_loop())
    try:
        lock.release()
    except RuntimeError as e:
        print('RuntimeError:', e)
    lock = asyncio.Lock(loop=asyncio.get_running_loop())
    await lock.acquire()
    print('locked', lock.locked())
    lock.release()
    print('locked', lock.locked())

asyncio.run(main())
