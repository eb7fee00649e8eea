# aiospec: description = Task factory errors: set_task_factory of something not callable raises TypeError('task factory must be a callable or None'); an exception the factory raises comes out of create_task (the uncaught one's traceback passes through tasks.create_task and base_events' call of the factory); asyncio.Task(42) in a factory raises TypeError('a coroutine was expected, got 42').
# aiospec: rules = ET1 T11
# aiospec: python = 3.7-3.15
import asyncio


def factory(loop, coro):
    raise KeyError('no tasks today')


def factory2(loop, coro):
    coro.close()
    return asyncio.Task(42, loop=loop)


async def work():
    return 1


async def main():
    loop = asyncio.get_running_loop()
    try:
        loop.set_task_factory(1)
    except TypeError as e:
        print('TypeError', e)
    loop.set_task_factory(factory)
    c = work()
    try:
        loop.create_task(c)
    except KeyError as e:
        print('KeyError', e)
    c.close()
    loop.set_task_factory(factory2)
    try:
        asyncio.ensure_future(work())
    except TypeError as e:
        print('TypeError', e)
    loop.set_task_factory(factory)
    asyncio.create_task(work())

loop = asyncio.new_event_loop()
try:
    loop.set_task_factory('x')
except TypeError as e:
    print(e)
loop.run_until_complete(main())
