# aiospec: description = On a Condition whose lock is not held, wait(), notify() and notify_all() raise RuntimeError; wait_for() returns a predicate's true value at once, and raises RuntimeError when it would have to wait; here each primitive is made with loop= the running loop, which 3.8 and 3.9 warn is deprecated.
# aiospec: python = 3.8
# aiospec: rules = K3 L8
# aiospec: cites = test_locks.py::ConditionTests::test_wait_unacquired test_locks.py::ConditionTests::test_wait_for_unacquired test_locks.py::ConditionTests::test_notify_unacquired test_locks.py::ConditionTests::test_notify_all_unacquired
import asyncio


async def main():
    cond = asyncio.Condition(loop=asyncio.get_running_loop())
    try:
        await cond.wait()
    except RuntimeError as e:
        print('wait: RuntimeError', e)
    cond = asyncio.Condition(loop=asyncio.get_running_loop())
    print(await cond.wait_for(lambda: [1, 2, 3]))
    try:
        await cond.wait_for(lambda: False)
    except RuntimeError as e:
        print('wait_for: RuntimeError', e)
    cond = asyncio.Condition(loop=asyncio.get_running_loop())
    try:
        cond.notify()
    except RuntimeError as e:
        print('notify: RuntimeError', e)
    cond = asyncio.Condition(loop=asyncio.get_running_loop())
    try:
        cond.notify_all()
    except RuntimeError as e:
        print('notify_all: RuntimeError', e)

asyncio.run(main())
