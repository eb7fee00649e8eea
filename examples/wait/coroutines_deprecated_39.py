# aiospec: description = wait([coroutine]) and wait([task, coroutine]) each warn DeprecationWarning on 3.9 and 3.10 (passing coroutines to wait), and complete.
# aiospec: python = 3.9-3.10
# aiospec: rules = W1
# aiospec: cites = test_tasks.py::WaitTests::test_coro_is_deprecated_in_wait
import asyncio



async def coroutine_function():
    pass

loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
done, pending = loop.run_until_complete(asyncio.wait([coroutine_function()]))
print(len(done), len(pending))
task = loop.create_task(coroutine_function())
done, pending = loop.run_until_complete(asyncio.wait([task, coroutine_function()]))
print(len(done), len(pending))
asyncio.set_event_loop(None)
loop.close()
