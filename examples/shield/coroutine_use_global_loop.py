# aiospec: description = shield() of a coroutine outside a running loop takes the loop set by set_event_loop; run_until_complete of the outer future there gives the coroutine's result.
# aiospec: rules = SH1
# aiospec: python = 3.10-3.15
# aiospec: cites = test_tasks.py::BaseTaskTests::test_shield_coroutine_use_global_loop
import asyncio


async def coro():
    return 42

loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
outer = asyncio.shield(coro())
print('outer loop is loop', outer.get_loop() is loop)
print('result', loop.run_until_complete(outer))
asyncio.set_event_loop(None)
loop.close()
