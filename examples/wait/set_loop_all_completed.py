# aiospec: description = With the loop set by set_event_loop, wait([b, a]) in a task run by run_until_complete returns at 0.015 with both done and nothing pending.
# aiospec: rules = W1
# aiospec: cites = test_tasks.py::BaseTaskTests::test_wait_with_global_loop
import asyncio

loop = asyncio.new_event_loop()
a = loop.create_task(asyncio.sleep(0.01))
b = loop.create_task(asyncio.sleep(0.015))


async def foo():
    done, pending = await asyncio.wait([b, a])
    print('done == {a, b}', done == {a, b}, 'pending', pending)
    return 42

asyncio.set_event_loop(loop)
res = loop.run_until_complete(loop.create_task(foo()))
print(res, f'{loop.time():.3f}')
asyncio.set_event_loop(None)
loop.close()
