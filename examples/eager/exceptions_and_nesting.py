# aiospec: description = Eager tasks (asyncio.eager_task_factory): one that raises in its first step is done with the exception when create_task returns (its repr shows no coroutine), and the exception has the one the creator was handling as __context__; a chain of eager tasks each creating the next runs their first steps nested, each the current task in its own step; a task that awaits itself in its eager step gets the RuntimeError at its next step (and on the C Future an await of it fails at once); an unretrieved eager failure is reported at exit.
# aiospec: rules = ET1 T2 R6
# aiospec: python = 3.12-3.15
import asyncio


async def boom(n):
    raise ValueError(n)


async def nested(depth):
    me = asyncio.current_task()
    print('nested', depth, me.get_name(), len(asyncio.all_tasks()))
    if depth:
        t = asyncio.get_running_loop().create_task(nested(depth - 1))
        print('inner done', depth - 1, t.done(), asyncio.current_task() is me)
        await t
    await asyncio.sleep(0)
    print('nested end', depth)
    return depth


async def selfish():
    await asyncio.current_task()


async def main():
    loop = asyncio.get_running_loop()
    loop.set_task_factory(asyncio.eager_task_factory)
    t = loop.create_task(boom(1))
    print(t.done(), repr(t))
    try:
        1 / 0
    except ZeroDivisionError:
        t2 = asyncio.create_task(boom(2), name='b2')
    print(repr(t2.exception()), repr(t2.exception().__context__), t2.get_name())
    print(await loop.create_task(nested(2)))
    s = loop.create_task(selfish())
    try:
        await s
    except RuntimeError as e:
        print('selfish', str(e)[:30])
    loop.create_task(boom(3))

asyncio.run(main())
