# aiospec: description = Eager tasks at the edges: one made from a loop callback (no current task before or after its first step); one that cancels itself in its first step (not done when create_task returns, cancelling() 1, the CancelledError lands at its sleep); one whose first step awaits a done future (no suspension) and then a task still pending (sleep(0, 7)'s, eager too, suspended at its bare yield), where it suspends; all_tasks() in an eager step nested in another holds main, the outer task and the inner one.
# aiospec: rules = ET1 T6
# aiospec: python = 3.12-3.15
import asyncio


async def child(name, log):
    log.append(name + ' start')
    await asyncio.sleep(0)
    log.append(name + ' end')


def cb(log):
    log.append('callback')
    t = asyncio.get_running_loop().create_task(child('from callback', log))
    log.append('callback made task; current is ' + str(asyncio.current_task()))


async def main():
    loop = asyncio.get_running_loop()
    loop.set_task_factory(asyncio.eager_task_factory)
    log = []
    loop.call_soon(cb, log)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(log)
    # an eager task that cancels itself in its first step
    async def selfcancel():
        asyncio.current_task().cancel('me')
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError as e:
            print('caught', repr(e))
            raise
    t = loop.create_task(selfcancel())
    print('after create', t.done(), t.cancelling())
    try:
        await t
    except asyncio.CancelledError as e:
        print('awaited', repr(e), t.cancelled())
    # eager task that awaits a done future and a done task
    f = loop.create_future()
    f.set_result(5)
    async def awaits_done():
        a = await f
        b = await t2
        return a + b
    t2 = loop.create_task(asyncio.sleep(0, 7))
    t3 = loop.create_task(awaits_done())
    print('t3 done', t3.done())
    print(await t3)
    # all_tasks during the eager step of a nested task
    async def inner():
        return asyncio.all_tasks()
    async def outer():
        i = loop.create_task(inner())
        return i.result()
    o = loop.create_task(outer())
    s = o.result()
    print(len(s), asyncio.current_task() in s, o in s)

asyncio.run(main())
