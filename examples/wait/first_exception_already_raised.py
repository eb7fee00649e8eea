# aiospec: description = wait([b, a], FIRST_EXCEPTION) where b raises at once: it returns at time 0 with done {b} and pending {a}; a later wait of both ends when a does, at 10.
# aiospec: rules = W3 W4
# aiospec: cites = test_tasks.py::BaseTaskTests::test_wait_first_exception
import asyncio

loop = asyncio.new_event_loop()
a = loop.create_task(asyncio.sleep(10.0))


async def exc():
    raise ZeroDivisionError('err')

b = loop.create_task(exc())
task = loop.create_task(asyncio.wait([b, a], return_when=asyncio.FIRST_EXCEPTION))
done, pending = loop.run_until_complete(task)
print('done == {b}', done == {b}, 'pending == {a}', pending == {a}, f'{loop.time():.2f}')
loop.run_until_complete(asyncio.wait([a, b]))
print('closed at', f'{loop.time():.2f}', repr(b.exception()))
loop.close()
