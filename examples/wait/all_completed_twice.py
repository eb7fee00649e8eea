# aiospec: description = wait([b, a]) of two sleeping tasks returns at 0.15 with both done and nothing pending; a second wait of the same done tasks returns at once.
# aiospec: rules = W1 W2
# aiospec: cites = test_tasks.py::BaseTaskTests::test_wait
import asyncio

loop = asyncio.new_event_loop()
a = loop.create_task(asyncio.sleep(0.1))
b = loop.create_task(asyncio.sleep(0.15))


async def foo():
    done, pending = await asyncio.wait([b, a])
    print('done == {a, b}', done == {a, b}, 'pending', pending)
    return 42

res = loop.run_until_complete(loop.create_task(foo()))
print(res, f'{loop.time():.2f}')
res = loop.run_until_complete(loop.create_task(foo()))
print(res, f'{loop.time():.2f}')
loop.close()
