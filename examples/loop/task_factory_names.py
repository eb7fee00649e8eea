# aiospec: description = Names of tasks a task factory makes: 3.8-3.12 name them after the factory returns (only when a name is given), 3.13.0 calls task.set_name(name) even with name None (the task is named 'None'), 3.14+ pass name= on to the factory.
# aiospec: rules = ET1 T11
# aiospec: python = 3.8-3.15
import asyncio


def factory(loop, coro, **kwargs):
    return asyncio.Task(coro, loop=loop, **kwargs)


async def work(n):
    return n


async def main():
    loop = asyncio.get_running_loop()
    loop.set_task_factory(factory)
    t = asyncio.create_task(work(1), name='named')
    print(t.get_name())
    t2 = asyncio.create_task(work(2))
    print(t2.get_name())
    t3 = loop.create_task(work(3), name='x3')
    print(t3.get_name())
    await asyncio.gather(t, t2, t3)

asyncio.run(main())
