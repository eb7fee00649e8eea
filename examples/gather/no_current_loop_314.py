# aiospec: description = From 3.14, gather() of coroutines outside a running loop, with no current loop ever set, raises RuntimeError (before 3.14 CPython makes a loop, which the model refuses); the coroutines are never awaited.
# aiospec: python = 3.14-3.15
# aiospec: rules = G1
import asyncio

async def coro():
    return 'abc'

loop = asyncio.new_event_loop()
try:
    fut = asyncio.gather(coro(), coro())
    print(loop.run_until_complete(fut))
except Exception as e:
    print(type(e).__name__, e)
loop.close()
