# aiospec: description = A Condition keeps the Lock it is given as its private _lock; the condition and the lock report the same locked() state whether the condition or the lock is held with async with (a new lock, a given lock, and a given lock with a given condition).
# aiospec: python = 3.10-3.15
# aiospec: rules = K3
# aiospec: cites = test_locks.py::ConditionTests::test_explicit_lock
import asyncio


async def f(lock=None, cond=None):
    if lock is None:
        lock = asyncio.Lock()
    if cond is None:
        cond = asyncio.Condition(lock)
    states = [cond._lock is lock, lock.locked(), cond.locked()]
    async with cond:
        states += [lock.locked(), cond.locked()]
    states += [lock.locked(), cond.locked()]
    async with lock:
        states += [lock.locked(), cond.locked()]
    states += [lock.locked(), cond.locked()]
    print(states)


async def main():
    await f()
    await f(asyncio.Lock())
    lock = asyncio.Lock()
    await f(lock, asyncio.Condition(lock))

asyncio.run(main())
