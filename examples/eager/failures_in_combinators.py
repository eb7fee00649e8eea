# aiospec: description = Eager children that fail in their first step: gather of them is done before it is awaited (the first failure in argument order, ValueError(2); the later one retrieved silently), with return_exceptions it waits for the child still sleeping; shield of a task done at once returns that task; wait() and wait_for() (timeout 0 with a child that sleeps) as for lazy tasks.
# aiospec: rules = ET1 G2 G11 SH1
# aiospec: python = 3.12-3.15
import asyncio


async def ok(n):
    return n


async def bad(n):
    raise ValueError(n)


async def slow(n):
    await asyncio.sleep(n)
    return n


async def main():
    loop = asyncio.get_running_loop()
    loop.set_task_factory(asyncio.eager_task_factory)
    g = asyncio.gather(ok(1), bad(2), slow(0.1), bad(3))
    print('gather done at once', g.done())
    try:
        await g
    except ValueError as e:
        print('gather raised', repr(e))
    g = asyncio.gather(ok(1), bad(2), slow(0.1), return_exceptions=True)
    print('gather done at once', g.done())
    print(await g)
    s = asyncio.shield(ok(4))
    print('shield gives the task itself', isinstance(s, asyncio.Task), s.done())
    done, pending = await asyncio.wait([loop.create_task(ok(5)), loop.create_task(slow(0.2))], return_when=asyncio.FIRST_COMPLETED)
    print(len(done), len(pending))
    print(await asyncio.wait_for(slow(0.1), 1))
    try:
        await asyncio.wait_for(slow(1), 0)
    except TimeoutError:
        print('timeout 0')
    await asyncio.sleep(1)

asyncio.run(main())
