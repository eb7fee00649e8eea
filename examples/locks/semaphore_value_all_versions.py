# aiospec: description = Semaphore(-1) raises ValueError on every version.
# aiospec: rules = K2
# aiospec: cites = test_locks.py::SemaphoreTests::test_semaphore_value
import asyncio

try:
    asyncio.Semaphore(-1)
except ValueError as e:
    print('ValueError', e)
