# aiospec: description = wait_for(coroutine, 0.01, loop=loop) warns DeprecationWarning on 3.8 and 3.9 (the loop argument), and completes.
# aiospec: python = 3.8-3.9
# aiospec: rules = WF1
# aiospec: cites = test_tasks.py::WaitTests::test_loop_argument_is_deprecated_in_wait_for
import asyncio


async def coroutine_function():
    pass

loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
print(loop.run_until_complete(asyncio.wait_for(coroutine_function(), 0.01, loop=loop)))
asyncio.set_event_loop(None)
loop.close()
