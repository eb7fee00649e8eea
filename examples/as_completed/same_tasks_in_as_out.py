# aiospec: description = as_completed's async iterator yields the tasks it was given as they are, but never the coroutines it was given (it wraps those).
# aiospec: rules = AC1
# aiospec: python = 3.13-3.15
# aiospec: cites = test_tasks.py::BaseTaskTests::test_as_completed_same_tasks_in_as_out
import asyncio


async def try_async_iterator(awaitables):
    awaitables_out = set()
    async for out_aw in asyncio.as_completed(awaitables):
        awaitables_out.add(out_aw)
    return awaitables_out


async def coro(i):
    return i


async def main():
    loop = asyncio.get_running_loop()
    awaitables_in = frozenset((coro(0), coro(1), coro(2), coro(3)))
    awaitables_out = await try_async_iterator(awaitables_in)
    print('no coroutine out', awaitables_in - awaitables_out == awaitables_in, len(awaitables_out))
    coro_obj_a = coro('a')
    task_b = loop.create_task(coro('b'))
    coro_obj_c = coro('c')
    task_d = loop.create_task(coro('d'))
    awaitables_in = frozenset((coro_obj_a, task_b, coro_obj_c, task_d))
    awaitables_out = await try_async_iterator(awaitables_in)
    print('only the tasks as-is', awaitables_in & awaitables_out == {task_b, task_d}, len(awaitables_out))

asyncio.run(main())
