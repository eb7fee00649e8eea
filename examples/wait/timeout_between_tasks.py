# aiospec: description = wait([b, a], timeout=0.11) with tasks ending at 0.1 and 0.15: it returns at 0.11 with done {a} and pending {b}; a later wait of both ends at 0.15.
# aiospec: rules = W11
# aiospec: cites = test_tasks.py::BaseTaskTests::test_wait_with_timeout
import asyncio

loop = asyncio.new_event_loop()
a = loop.create_task(asyncio.sleep(0.1))
b = loop.create_task(asyncio.sleep(0.15))


async def foo():
    done, pending = await asyncio.wait([b, a], timeout=0.11)
    print('done == {a}', done == {a}, 'pending == {b}', pending == {b})

loop.run_until_complete(loop.create_task(foo()))
print(f'{loop.time():.2f}')
loop.run_until_complete(asyncio.wait([a, b]))
print('closed at', f'{loop.time():.2f}')
loop.close()
