# aiospec: description = Semaphore(0): c1 waits; c2 releases three times (_value 2, still locked: c1 has not woken), then waits behind c1 and c3; after one step three waiters are queued with _value 2; c1, woken, sees _value 0 and makes c4, which runs after c3: results [1, 2, 3, 4].
# aiospec: python = 3.13-3.15
# aiospec: rules = K2
# aiospec: cites = test_locks.py::SemaphoreTests::test_acquire_fifo_order_4
import asyncio


async def main():
    sem = asyncio.Semaphore(0)
    result = []
    t4 = None

    async def c1(result):
        nonlocal t4
        print('c1 value', sem._value)
        await sem.acquire()
        print('c1 woke, value', sem._value)
        t4 = asyncio.create_task(c4(result))
        result.append(1)
        return True

    async def c2(result):
        sem.release()
        sem.release()
        sem.release()
        print('c2 value', sem._value, 'locked', sem.locked())
        await sem.acquire()
        result.append(2)
        return True

    async def c3(result):
        await sem.acquire()
        print('c3 locked', sem.locked())
        result.append(3)
        return True

    async def c4(result):
        result.append(4)
        return True

    t1 = asyncio.create_task(c1(result))
    t2 = asyncio.create_task(c2(result))
    t3 = asyncio.create_task(c3(result))
    await asyncio.sleep(0)
    print('value', sem._value, 'waiters', len(sem._waiters))
    await asyncio.sleep(0)
    print(await asyncio.gather(t1, t2, t3, t4), result)

asyncio.run(main())
