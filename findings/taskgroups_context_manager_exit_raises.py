# aiospec: description = Inside a TaskGroup an async context manager whose exit raises CustomException (its finally) while a child has failed with CustomException: the group's ExceptionGroup holds both, and the task's cancelling() is 0 afterwards (python/cpython#95289; the test catches it with except*, the port with except ExceptionGroup).
# aiospec: rules = TG1 T9
# aiospec: python = 3.11-3.15
# aiospec: cites = test_taskgroups.py::TestTaskGroup::test_taskgroup_context_manager_exit_raises
import asyncio
import contextlib


class CustomException(Exception):
    pass


async def raise_exc():
    raise CustomException


@contextlib.asynccontextmanager
async def database():
    try:
        yield
    finally:
        raise CustomException


async def main():
    task = asyncio.current_task()
    try:
        async with asyncio.TaskGroup() as tg:
            async with database():
                tg.create_task(raise_exc())
                await asyncio.sleep(1)
    except ExceptionGroup as err:
        print(repr(err), 'cancelling', task.cancelling(), len(err.exceptions))
    else:
        print('CustomException not raised')


async def outer():
    await asyncio.create_task(main())

asyncio.run(outer())
