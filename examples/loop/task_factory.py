# aiospec: description = A task factory (loop.set_task_factory, every version): create_task, ensure_future and gather call factory(loop, coro) (3.14+: with create_task's keywords) for every task; get_task_factory returns it, or None for the default; set_task_factory(None) restores the default.
# aiospec: rules = ET1 T1
# aiospec: python = 3.7-3.15
import asyncio

made = []


def factory(loop, coro, **kwargs):
    made.append(kwargs)
    t = asyncio.Task(coro, loop=loop, **kwargs)
    print('factory made', t.get_name() if hasattr(t, 'get_name') else '-', kwargs)
    return t


async def work(n):
    print('work', n)
    await asyncio.sleep(0)
    return n


async def main():
    loop = asyncio.get_running_loop()
    print(loop.get_task_factory())
    loop.set_task_factory(factory)
    print(loop.get_task_factory() is factory)
    t = asyncio.ensure_future(work(1))
    print(await t)
    t = loop.create_task(work(2))
    print(await t, t.get_name() if hasattr(t, 'get_name') else '-')
    print(await asyncio.gather(work(3), work(4)))
    loop.set_task_factory(None)
    print(loop.get_task_factory())

loop = asyncio.new_event_loop()
loop.run_until_complete(main())
loop.close()
