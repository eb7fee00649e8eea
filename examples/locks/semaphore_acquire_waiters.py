# aiospec: description = Semaphore(3) acquired twice; three tasks acquire: one gets it, two wait (_value 0); a fourth is made and release() is called twice (_value stays 0: the slots go to waiters); one step later three tasks have it, one waits, and two of the last three tasks are done.
# aiospec: python = 3.7 3.10-3.15
# aiospec: rules = K2
# aiospec: cites = test_locks.py::SemaphoreTests::test_acquire
import asyncio


async def main():
    sem = asyncio.Semaphore(3)
    result = []
    print(await sem.acquire(), await sem.acquire(), 'locked', sem.locked())

    async def c(n):
        await sem.acquire()
        result.append(n)
        return True

    t1 = asyncio.create_task(c(1))
    t2 = asyncio.create_task(c(2))
    t3 = asyncio.create_task(c(3))
    await asyncio.sleep(0)
    print(result, 'locked', sem.locked(), 'waiters', len(sem._waiters), 'value', sem._value)
    t4 = asyncio.create_task(c(4))
    sem.release()
    sem.release()
    print('value', sem._value)
    await asyncio.sleep(0)
    print('value', sem._value, 'results', len(result), 'locked', sem.locked(),
          'waiters', len(sem._waiters), 'value', sem._value)
    print('t1', t1.done(), t1.result())
    race_tasks = [t2, t3, t4]
    print('done of the race', len([t for t in race_tasks if t.done() and t.result()]))
    sem.release()
    print(await asyncio.gather(*race_tasks))

asyncio.run(main())
