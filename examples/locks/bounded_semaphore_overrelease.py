# aiospec: description = BoundedSemaphore raises ValueError when released more often than acquired; a plain Semaphore just counts up. A negative initial value is a ValueError.
# aiospec: rules = K3
import asyncio


async def main():
    plain = asyncio.Semaphore(1)
    plain.release()
    print(plain)
    bounded = asyncio.BoundedSemaphore(1)
    await bounded.acquire()
    bounded.release()
    try:
        bounded.release()
    except ValueError as e:
        print('ValueError:', e)
    try:
        asyncio.Semaphore(-1)
    except ValueError as e:
        print('ValueError:', e)

asyncio.run(main())
