# aiospec: description = wait([b, a], FIRST_COMPLETED) run as a task: at 0.1 done is {b} (result None) and pending {a}, still running; a later wait of both returns when a ends at 10.
# aiospec: rules = W2 W5
# aiospec: cites = test_tasks.py::BaseTaskTests::test_wait_first_completed
import asyncio

loop = asyncio.new_event_loop()
a = loop.create_task(asyncio.sleep(10.0))
b = loop.create_task(asyncio.sleep(0.1))
task = loop.create_task(asyncio.wait([b, a], return_when=asyncio.FIRST_COMPLETED))
done, pending = loop.run_until_complete(task)
print('done == {b}', done == {b}, 'pending == {a}', pending == {a})
print('a done', a.done(), 'b done', b.done(), 'b result', b.result(), f'{loop.time():.2f}')
loop.run_until_complete(asyncio.wait([a, b]))
print('closed at', f'{loop.time():.2f}')
loop.close()
