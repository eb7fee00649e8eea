# aiospec: description = `with await lock:` raises TypeError (the primitive cannot be awaited) for Lock, Condition, Semaphore and BoundedSemaphore, and none of them ends up locked.
# aiospec: python = 3.14-3.15
# aiospec: rules = K1
# aiospec: cites = test_locks.py::LockTests::test_lock_by_with_statement
import asyncio


async def main():
    primitives = [
        asyncio.Lock(),
        asyncio.Condition(),
        asyncio.Semaphore(),
        asyncio.BoundedSemaphore(),
    ]
    for lock in primitives:
        await asyncio.sleep(0.01)
        print(type(lock).__name__, 'locked', lock.locked())
        try:
            with await lock:
                pass
        except TypeError as e:
            print('TypeError:', e)
        print(type(lock).__name__, 'locked', lock.locked())

asyncio.run(main())
