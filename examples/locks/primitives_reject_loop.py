# aiospec: description = Lock, Condition, Event, Semaphore and BoundedSemaphore reject loop= with TypeError (3.10's message says the parameter was removed; 3.11+ it is an unexpected keyword argument).
# aiospec: python = 3.10-3.15
# aiospec: rules = K1
# aiospec: cites = test_locks.py::LockTests::test_lock_doesnt_accept_loop_parameter
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    for cls in [asyncio.Lock, asyncio.Condition, asyncio.Event, asyncio.Semaphore, asyncio.BoundedSemaphore]:
        try:
            cls(loop=loop)
        except TypeError as e:
            print(cls.__name__, 'TypeError:', e)

asyncio.run(main())
