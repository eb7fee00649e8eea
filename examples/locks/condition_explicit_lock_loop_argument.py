# aiospec: description = A Condition made with a given Lock and loop= keeps that lock as its private _lock and shares its _loop (3.8 and 3.9 warn that loop= is deprecated: once for the Lock, once for the Condition).
# aiospec: python = 3.7-3.9
# aiospec: rules = K3 L8
# aiospec: cites = test_locks.py::ConditionTests::test_explicit_lock
import asyncio

loop = asyncio.new_event_loop()
lock = asyncio.Lock(loop=loop)
cond = asyncio.Condition(lock, loop=loop)
print(cond._lock is lock, cond._loop is lock._loop, cond._loop is loop)
loop.close()
