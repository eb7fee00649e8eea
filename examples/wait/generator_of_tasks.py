# aiospec: description = wait() of a generator that creates ten tasks, ALL_COMPLETED: ten done, none pending.
# aiospec: python = 3.12-3.15
# aiospec: rules = W1
# aiospec: cites = test_tasks.py::BaseTaskTests::test_wait_generator
import asyncio


async def func(a):
    return a

loop = asyncio.new_event_loop()


async def main():
    tasks = (loop.create_task(func(i)) for i in range(10))
    done, pending = await asyncio.wait(tasks, return_when=asyncio.ALL_COMPLETED)
    print(len(done), len(pending), sorted(t.result() for t in done))

loop.run_until_complete(main())
loop.close()
