# aiospec: description = Eager tasks under TaskGroup, gather, wait_for, shield, as_completed and wait: a child that finishes in its first step is done when create_task returns (TaskGroup takes it as done at once), a child that fails there aborts the group at once (the body runs on to its next await, where the cancellation lands), and the children of gather, wait_for (3.12+: the current task itself), shield and as_completed that finish in their first step are done before anything is awaited.
# aiospec: rules = ET1 TG1 G1
# aiospec: python = 3.12-3.15
import asyncio


async def child(n, delay):
    print('child start', n, asyncio.current_task().get_name())
    if delay is None:
        raise ValueError(n)
    if delay:
        await asyncio.sleep(delay)
    print('child end', n)
    return n


async def main():
    asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(child(1, 0))
        b = tg.create_task(child(2, 0.5), name='two')
        print('in group', a.done(), b.done(), b.get_name())
    print(a.result(), b.result())
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child(3, 1))
            tg.create_task(child(4, None))
            print('after failing child')
            await asyncio.sleep(2)
    except ExceptionGroup as eg:
        print('group', repr(eg))
    r = await asyncio.gather(child(5, 0), child(6, 0.1), child(7, 0))
    print(r)
    print(await asyncio.wait_for(child(8, 0), 1))
    print(await asyncio.shield(child(9, 0)))
    for f in asyncio.as_completed([child(10, 0.2), child(11, 0)]):
        print('as_completed', await f)
    done, pending = await asyncio.wait([asyncio.ensure_future(child(12, 0))])
    print(len(done), len(pending))

asyncio.run(main())
