# aiospec: description = An asyncio.Lock hands itself to waiters first in, first out: release() wakes the oldest waiter, which takes the lock one turn later; repr shows the state and the number of waiters.
# aiospec: rules = K1
import asyncio


async def worker(name, lock, hold):
    print(name, 'wants the lock')
    async with lock:
        print(name, 'has the lock', lock)
        await asyncio.sleep(hold)
    print(name, 'released it')


async def main():
    lock = asyncio.Lock()
    print(lock)
    await asyncio.gather(worker('a', lock, 0.5), worker('b', lock, 0.25), worker('c', lock, 0.25))
    print(lock, lock.locked())

asyncio.run(main())
