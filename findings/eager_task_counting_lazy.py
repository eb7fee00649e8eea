# aiospec: description = A task factory that counts the tasks it makes (the non-eager half of BaseTaskCountingTests): an await chain 100 deep run by run_until_complete makes 1 task, recursive TaskGroups and recursive gathers of width 5 and depth 4 make 781 each (1 + 5 + 5^2 + 5^3 + 5^4).
# aiospec: rules = TG1 G1
# aiospec: python = 3.12-3.15
# aiospec: cites = test_eager_task_factory.py::BaseTaskCountingTests::test_awaitables_chain test_eager_task_factory.py::BaseTaskCountingTests::test_recursive_taskgroups test_eager_task_factory.py::BaseTaskCountingTests::test_recursive_gather
import asyncio

count = [0]


def factory(loop, coro, **kwargs):
    count[0] += 1
    return asyncio.Task(coro, loop=loop, **kwargs)


async def awaitable_chain(depth):
    if depth == 0:
        return 0
    return 1 + await awaitable_chain(depth - 1)


async def recursive_taskgroups(width, depth):
    if depth == 0:
        return
    async with asyncio.TaskGroup() as tg:
        [tg.create_task(recursive_taskgroups(width, depth - 1)) for _ in range(width)]


async def recursive_gather(width, depth):
    if depth == 0:
        return
    await asyncio.gather(*[recursive_gather(width, depth - 1) for _ in range(width)])

for coro in awaitable_chain(100), recursive_taskgroups(5, 4), recursive_gather(5, 4):
    count[0] = 0
    loop = asyncio.new_event_loop()
    loop.set_task_factory(factory)
    print(loop.run_until_complete(coro), count[0])
    loop.close()
