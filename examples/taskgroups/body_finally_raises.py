# aiospec: description = A child fails (ZeroDivisionError) while the body awaits a coroutine whose finally raises: MyExc joins the child's error in an ExceptionGroup (19); KeyboardInterrupt propagates as it is (20); a BaseException subclass makes a BaseExceptionGroup of both (20a); a child raising a BaseException subclass while the body's finally raises TypeError makes a BaseExceptionGroup of both (21a).
# aiospec: rules = TG1
# aiospec: python = 3.11-3.15
# aiospec: cites = test_taskgroups.py::TestTaskGroup::test_taskgroup_19 test_taskgroups.py::TestTaskGroup::test_taskgroup_20 test_taskgroups.py::TestTaskGroup::test_taskgroup_20a test_taskgroups.py::TestTaskGroup::test_taskgroup_21a
import asyncio


class MyExc(Exception):
    pass


class MyBaseExc(BaseException):
    pass


async def crash_soon(exc):
    await asyncio.sleep(0.1)
    raise exc


async def nested(exc):
    try:
        await asyncio.sleep(10)
    finally:
        raise exc


async def runner(child_exc, body_exc):
    async with asyncio.TaskGroup() as g:
        g.create_task(crash_soon(child_exc))
        await nested(body_exc)


def names(eg):
    return sorted(type(e).__name__ for e in eg.exceptions)


async def main():
    try:
        await asyncio.create_task(runner(ZeroDivisionError(), MyExc()))
    except ExceptionGroup as eg:
        print('19', type(eg).__name__, names(eg))
    try:
        await runner(ZeroDivisionError(), KeyboardInterrupt())
    except KeyboardInterrupt as e:
        print('20', repr(e))
    try:
        await runner(ZeroDivisionError(), MyBaseExc())
    except BaseExceptionGroup as eg:
        print('20a', type(eg).__name__, names(eg))
    try:
        await runner(MyBaseExc(), TypeError())
    except BaseExceptionGroup as eg:
        print('21a', type(eg).__name__, names(eg))

asyncio.run(main())
