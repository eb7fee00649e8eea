# aiospec: description = Counting the tasks a task factory makes lazily (eager_start=False): an await chain 100 deep run by run_until_complete makes 1, recursive TaskGroups and recursive gathers of width 5 and depth 4 make 781 each (1 + 5 + 5^2 + 5^3 + 5^4). With create_eager_task_factory every task is asked for with eager_start=True, so the count of lazy ones is 0 (the first task too: the loop is not running yet, so it is scheduled, but it was asked for eagerly).
# aiospec: rules = ET1 TG1 G1
# aiospec: python = 3.12-3.15
# aiospec: cites = test_eager_task_factory.py::BaseTaskCountingTests::test_awaitables_chain test_eager_task_factory.py::BaseTaskCountingTests::test_recursive_taskgroups test_eager_task_factory.py::BaseTaskCountingTests::test_recursive_gather
import asyncio


class AsyncTaskCounter:
    def __init__(self, loop, *, task_class, eager):
        self.suspense_count = 0
        self.task_count = 0

        def CountingTask(*args, eager_start=False, **kwargs):
            if not eager_start:
                self.task_count += 1
            kwargs["eager_start"] = eager_start
            return task_class(*args, **kwargs)

        if eager:
            factory = asyncio.create_eager_task_factory(CountingTask)
        else:
            def factory(loop, coro, **kwargs):
                return CountingTask(coro, loop=loop, **kwargs)
        loop.set_task_factory(factory)

    def get(self):
        return self.task_count


async def awaitable_chain(depth):
    if depth == 0:
        return 0
    return 1 + await awaitable_chain(depth - 1)


async def recursive_taskgroups(width, depth):
    if depth == 0:
        return

    async with asyncio.TaskGroup() as tg:
        futures = [
            tg.create_task(recursive_taskgroups(width, depth - 1))
            for _ in range(width)
        ]


async def recursive_gather(width, depth):
    if depth == 0:
        return

    await asyncio.gather(
        *[recursive_gather(width, depth - 1) for _ in range(width)]
    )


for eager in False, True:
    for name, make in [('awaitables_chain', lambda: awaitable_chain(100)),
                       ('recursive_taskgroups', lambda: recursive_taskgroups(5, 4)),
                       ('recursive_gather', lambda: recursive_gather(5, 4))]:
        loop = asyncio.new_event_loop()
        counter = AsyncTaskCounter(loop, task_class=asyncio.Task, eager=eager)
        asyncio.set_event_loop(loop)
        result = loop.run_until_complete(make())
        print('eager' if eager else 'lazy', name, result, counter.get())
        loop.close()
        asyncio.set_event_loop(None)
