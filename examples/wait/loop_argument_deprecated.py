# aiospec: description = wait([coroutine], loop=loop) warns DeprecationWarning on 3.8 and 3.9 (the loop argument), and completes.
# aiospec: python = 3.8-3.9
# aiospec: rules = W1
# aiospec: cites = test_tasks.py::WaitTests::test_loop_argument_is_deprecated_in_wait
import asyncio



async def coroutine_function():
    pass

loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
done, pending = loop.run_until_complete(asyncio.wait([coroutine_function()], loop=loop))
print(len(done), len(pending))
asyncio.set_event_loop(None)
loop.close()
