# aiospec: description = A child of a TaskGroup fails (ZeroDivisionError): its siblings and the body's sleep are cancelled, the code after the block never runs, and the task running it ends with an ExceptionGroup of ZeroDivisionErrors.
# aiospec: rules = TG1
# aiospec: python = 3.11-3.15
# aiospec: cites = test_taskgroups.py::TestTaskGroup::test_taskgroup_04 test_taskgroups.py::TestTaskGroup::test_cancel_children_on_child_error
import asyncio

state = {'NUM': 0, 't2_cancel': False, 'runner_cancel': False}


async def foo1():
    await asyncio.sleep(0.1)
    1 / 0


async def foo2():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        state['t2_cancel'] = True
        raise
    state['NUM'] += 1


async def runner04():
    async with asyncio.TaskGroup() as g:
        g.create_task(foo1())
        state['t2'] = g.create_task(foo2())
    state['NUM'] += 10


async def runner():
    async with asyncio.TaskGroup() as g:
        g.create_task(foo1())
        g.create_task(foo1())
        g.create_task(foo1())
        g.create_task(foo2())
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            state['runner_cancel'] = True
            raise
    state['NUM'] += 10


async def main():
    try:
        await asyncio.create_task(runner04())
    except ExceptionGroup as eg:
        print('04', repr(eg), {type(e).__name__ for e in eg.exceptions})
    print('04', state['NUM'], state['t2_cancel'], state['t2'].cancelled())
    state['t2_cancel'] = False
    try:
        await asyncio.create_task(runner())
    except ExceptionGroup as eg:
        print('children', repr(eg), {type(e).__name__ for e in eg.exceptions})
    print('children', state['NUM'], state['t2_cancel'], state['runner_cancel'])

asyncio.run(main())
