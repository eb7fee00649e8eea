# aiospec: description = TaskGroup.create_task passes name= and context= on to the task: get_name() is 'yolo', and a child setting a ContextVar in the given context leaves the value there.
# aiospec: rules = TG1
# aiospec: python = 3.11-3.15
# aiospec: cites = test_taskgroups.py::TestTaskGroup::test_taskgroup_task_context
import asyncio
import contextvars

cvar = contextvars.ContextVar('cvar')


async def coro(val=None):
    await asyncio.sleep(0)
    if val is not None:
        cvar.set(val)


async def main():
    async with asyncio.TaskGroup() as g:
        t = g.create_task(coro(), name="yolo")
        print(t.get_name())
    async with asyncio.TaskGroup() as g:
        ctx = contextvars.copy_context()
        print(ctx.get(cvar))
        t1 = g.create_task(coro(1), context=ctx)
        await t1
        print(ctx.get(cvar))
        t2 = g.create_task(coro(2), context=ctx)
        await t2
        print(ctx.get(cvar))

asyncio.run(main())
