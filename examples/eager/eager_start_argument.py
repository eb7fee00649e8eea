# aiospec: description = eager_start per version: 3.12-3.13's create_task takes no eager_start (TypeError), 3.14+ passes it on to Task (eager without a factory; eager_start=False through the eager factory makes a lazy task); Task(..., loop=loop, eager_start=True) called directly runs the first step at once; without eager_start it is scheduled.
# aiospec: rules = ET1 T11
# aiospec: python = 3.12-3.15
import asyncio


async def work(n):
    print('step', n, asyncio.current_task().get_name())
    await asyncio.sleep(0)
    return n


async def main():
    loop = asyncio.get_running_loop()
    try:
        t = asyncio.create_task(work(1), eager_start=True)
        print('eager_start accepted', t.done())
        print(await t)
    except TypeError as e:
        print('TypeError', e)
    loop.set_task_factory(asyncio.eager_task_factory)
    try:
        t = loop.create_task(work(2), eager_start=False, name='lazy')
        print('after create_task', t.get_name())
        print(await t)
    except TypeError as e:
        print('TypeError', e)
    t = asyncio.Task(work(3), loop=loop, eager_start=True, name='direct')
    print('after Task()', t.get_name(), t.done())
    print(await t)
    t = asyncio.Task(work(4), loop=loop)
    print('lazy Task()', t.get_name())
    print(await t)

asyncio.run(main())
