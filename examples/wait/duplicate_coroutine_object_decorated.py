# aiospec: description = wait([c, c, coro('spam')]) of @asyncio.coroutine coroutine objects, one of them twice: nothing pending, results {'test', 'spam'} (the decorator is deprecated from 3.8, passing coroutines to wait from 3.8's successor 3.9).
# aiospec: python = 3.7-3.10
# aiospec: rules = W1
# aiospec: cites = test_tasks.py::BaseTaskTests::test_wait_duplicate_coroutines
import asyncio

loop = asyncio.new_event_loop()


@asyncio.coroutine
def coro(s):
    return s

c = coro('test')
task = loop.create_task(asyncio.wait([c, c, coro('spam')]))
done, pending = loop.run_until_complete(task)
print('pending', pending, 'done', len(done), sorted(f.result() for f in done))
loop.close()
