# aiospec: description = wait([b, a]) where b raises ZeroDivisionError at 0.15: both done, nothing pending, one of them with an exception; a second wait returns at once.
# aiospec: rules = W1 W6
# aiospec: cites = test_tasks.py::BaseTaskTests::test_wait_with_exception
import asyncio

loop = asyncio.new_event_loop()
a = loop.create_task(asyncio.sleep(0.1))


async def sleeper():
    await asyncio.sleep(0.15)
    raise ZeroDivisionError('really')

b = loop.create_task(sleeper())


async def foo():
    done, pending = await asyncio.wait([b, a])
    errors = set(f for f in done if f.exception() is not None)
    print('done', len(done), 'pending', pending, 'errors', len(errors), f'{loop.time():.2f}')

loop.run_until_complete(loop.create_task(foo()))
loop.run_until_complete(loop.create_task(foo()))
loop.close()
