# aiospec: description = A task cancelled with msg="foo" while in Condition.wait_for (waiting for the wakeup, then while re-acquiring the lock after a notify) re-raises the very CancelledError it caught; awaiting it raises that same instance with args ('foo',).
# aiospec: python = 3.13-3.15
# aiospec: rules = K3 T6
# aiospec: cites = test_locks.py::ConditionTests::test_cancelled_error_wakeup test_locks.py::ConditionTests::test_cancelled_error_re_aquire
import asyncio


async def check(label, notify_first):
    wake = False
    raised = None
    cond = asyncio.Condition()

    async def func():
        nonlocal raised
        async with cond:
            try:
                await cond.wait_for(lambda: wake)
            except asyncio.CancelledError as e:
                raised = e
            raise raised

    task = asyncio.create_task(func())
    await asyncio.sleep(0)
    if notify_first:
        await cond.acquire()
        wake = True
        cond.notify()
        await asyncio.sleep(0)
    task.cancel(msg="foo")
    if notify_first:
        cond.release()
    try:
        await task
    except asyncio.CancelledError as e:
        print(label, 'args', e.args, 'same instance', e is raised)


async def main():
    await check('wakeup', False)
    await check('re-acquire', True)

asyncio.run(main())
