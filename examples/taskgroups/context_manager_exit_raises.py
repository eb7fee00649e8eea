# aiospec: description = Inside a TaskGroup an async context manager whose __aexit__ raises CustomException (the test's is a contextlib.asynccontextmanager whose finally raises it; the model refuses contextlib, so the port writes the class) while a child has failed with CustomException: the group's ExceptionGroup holds both, and the task's cancelling() is 0 afterwards (python/cpython#95289; the test catches it with except*, the port with except ExceptionGroup).
# aiospec: rules = TG1
# aiospec: python = 3.11-3.15
# aiospec: cites = test_taskgroups.py::TestTaskGroup::test_taskgroup_context_manager_exit_raises
import asyncio


class CustomException(Exception):
    pass


async def raise_exc():
    raise CustomException


class database:
    async def __aenter__(self):
        return self

    async def __aexit__(self, et, exc, tb):
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
