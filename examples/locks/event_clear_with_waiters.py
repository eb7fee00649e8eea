# aiospec: description = Event.set() then clear() before the waiter runs: the waiter stays woken (its future is done); set() twice more leaves one waiter in _waiters until the waiter runs, then none, and the waiter saw True.
# aiospec: python = 3.7 3.10-3.15
# aiospec: rules = K3
# aiospec: cites = test_locks.py::EventTests::test_clear_with_waiters
import asyncio


async def main():
    ev = asyncio.Event()
    result = []

    async def c1(result):
        if await ev.wait():
            result.append(1)
        return True

    t = asyncio.create_task(c1(result))
    await asyncio.sleep(0)
    print(result)
    ev.set()
    ev.clear()
    print('is_set', ev.is_set())
    ev.set()
    ev.set()
    print('waiters', len(ev._waiters))
    await asyncio.sleep(0)
    print(result, 'waiters', len(ev._waiters))
    print('done', t.done(), t.result())

asyncio.run(main())
