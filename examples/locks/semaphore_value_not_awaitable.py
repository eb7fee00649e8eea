# aiospec: description = A Semaphore() starts with _value 1; awaiting it is a TypeError (it is not awaitable) and leaves it unlocked with _value 1.
# aiospec: python = 3.11-3.15
# aiospec: rules = K2
# aiospec: cites = test_locks.py::SemaphoreTests::test_semaphore
import asyncio


async def main():
    sem = asyncio.Semaphore()
    print(sem._value)
    try:
        await sem
    except TypeError as e:
        print('TypeError', e)
    print(sem.locked(), sem._value)

asyncio.run(main())
