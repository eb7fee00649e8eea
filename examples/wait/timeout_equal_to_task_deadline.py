# aiospec: description = wait([b, a], timeout=0.1) where a's own sleep also ends at 0.1 (its timer was scheduled first): it returns at 0.1 with done {a} and pending {b}.
# aiospec: rules = W11 L3
# aiospec: cites = test_tasks.py::BaseTaskTests::test_wait_concurrent_complete
import asyncio

loop = asyncio.new_event_loop()
a = loop.create_task(asyncio.sleep(0.1))
b = loop.create_task(asyncio.sleep(0.15))
done, pending = loop.run_until_complete(asyncio.wait([b, a], timeout=0.1))
print('done == {a}', done == {a}, 'pending == {b}', pending == {b}, f'{loop.time():.2f}')
loop.run_until_complete(asyncio.wait([a, b]))
print('closed at', f'{loop.time():.2f}')
loop.close()
