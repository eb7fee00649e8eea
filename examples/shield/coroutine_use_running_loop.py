# aiospec: description = shield() of a coroutine inside a running loop wraps it in a task on that loop; the outer future belongs to that loop and later gives the coroutine's result.
# aiospec: rules = SH1
# aiospec: python = 3.10-3.15
# aiospec: cites = test_tasks.py::BaseTaskTests::test_shield_coroutine_use_running_loop
import asyncio


async def coro():
    return 42


async def test():
    return asyncio.shield(coro())

loop = asyncio.new_event_loop()
outer = loop.run_until_complete(test())
print('outer loop is loop', outer.get_loop() is loop)
print('result', loop.run_until_complete(outer))
loop.close()
