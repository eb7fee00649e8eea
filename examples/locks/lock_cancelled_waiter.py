# aiospec: description = A task cancelled while waiting for a Lock leaves the queue of waiters; the next waiter takes the lock. Releasing an unlocked Lock raises RuntimeError.
# aiospec: rules = K1
import asyncio


async def holder(lock):
    async with lock:
        print('holder has it')
        await asyncio.sleep(1)
    print('holder released')


async def waiter(lock, name):
    try:
        async with lock:
            print(name, 'has it at', asyncio.get_running_loop().time())
    except asyncio.CancelledError:
        print(name, 'cancelled while waiting;', lock)
        raise


async def main():
    lock = asyncio.Lock()
    h = asyncio.ensure_future(holder(lock))
    await asyncio.sleep(0)
    a = asyncio.ensure_future(waiter(lock, 'a'))
    b = asyncio.ensure_future(waiter(lock, 'b'))
    await asyncio.sleep(0.5)
    print(lock)
    a.cancel()
    await asyncio.gather(h, a, b, return_exceptions=True)
    try:
        lock.release()
    except RuntimeError as e:
        print('RuntimeError:', e)

asyncio.run(main())
