# aiospec: description = wait([c, c, other]) with the same task twice: nothing pending, and the done set holds the two tasks, with results {'test', 'spam'}.
# aiospec: python = 3.11-3.15
# aiospec: rules = W1
# aiospec: cites = test_tasks.py::BaseTaskTests::test_wait_duplicate_coroutines
import asyncio

loop = asyncio.new_event_loop()


async def coro(s):
    return s

c = loop.create_task(coro('test'))
task = loop.create_task(asyncio.wait([c, c, loop.create_task(coro('spam'))]))
done, pending = loop.run_until_complete(task)
print('pending', pending, 'done', len(done), sorted(f.result() for f in done))
loop.close()
