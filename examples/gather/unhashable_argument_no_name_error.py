# aiospec: description = gather(coroutine, {}) in a running loop raises TypeError (a dict is unhashable) after making the coroutine a task; when that task finishes, gather's done callback reports nothing on 3.9+, and on 3.7 and 3.8 reports a NameError about `outer` through the default exception handler (bpo-46672).
# aiospec: python = 3.7-3.15
# aiospec: rules = G10
# aiospec: cites = test_tasks.py::CoroutineGatherTests::test_issue46672
import asyncio


async def coro(s):
    return s


async def gather(*args):
    return asyncio.gather(*args)

loop = asyncio.new_event_loop()
c = coro('abc')
try:
    loop.run_until_complete(gather(c, {}))
except TypeError as e:
    print('TypeError:', e)
for _ in range(3):
    loop.run_until_complete(asyncio.sleep(0))
print('end')
loop.close()
