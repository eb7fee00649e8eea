# aiospec: description = wait(iter([b, a])) accepts an iterator of tasks: both done at 0.15, nothing pending.
# aiospec: python = 3.9-3.15
# aiospec: rules = W1
# aiospec: cites = test_tasks.py::BaseTaskTests::test_wait_with_iterator_of_tasks
import asyncio

loop = asyncio.new_event_loop()
a = loop.create_task(asyncio.sleep(0.1))
b = loop.create_task(asyncio.sleep(0.15))


async def foo():
    done, pending = await asyncio.wait(iter([b, a]))
    print('done == {a, b}', done == {a, b}, 'pending', pending)
    return 42

res = loop.run_until_complete(loop.create_task(foo()))
print(res, f'{loop.time():.2f}')
loop.close()
