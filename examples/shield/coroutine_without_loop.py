# aiospec: description = shield() of a coroutine outside a running loop with no current loop (set_event_loop(None)) raises RuntimeError 'There is no current event loop'.
# aiospec: rules = SH1
# aiospec: python = 3.10-3.15
# aiospec: cites = test_tasks.py::BaseTaskTests::test_shield_coroutine_without_loop
import asyncio


async def coro():
    return 42

asyncio.set_event_loop(None)
inner = coro()
try:
    asyncio.shield(inner)
except RuntimeError as e:
    print('RuntimeError', e)
inner.close()
