# aiospec: description = gather() outside a running loop after set_event_loop(None), of nothing or of two coroutines, raises RuntimeError: there is no current event loop.
# aiospec: rules = G10
# aiospec: cites = test_tasks.py::FutureGatherTests::test_constructor_empty_sequence_without_loop test_tasks.py::CoroutineGatherTests::test_constructor_without_loop
import asyncio

asyncio.set_event_loop(None)
try:
    asyncio.gather()
except RuntimeError as e:
    print('empty:', type(e).__name__, e)


async def coro():
    return 'abc'

gen1 = coro()
gen2 = coro()
try:
    asyncio.gather(gen1, gen2)
except RuntimeError as e:
    print('coroutines:', type(e).__name__, e)
gen1.close()
gen2.close()
