# aiospec: description = A child of a TaskGroup creates more children in the same group (24), and children that keep spawning two more each while another child fails once ten exist: the failure ends the group with an ExceptionGroup of ZeroDivisionError, with at least ten spawned (25).
# aiospec: rules = TG1
# aiospec: python = 3.11-3.15
# aiospec: cites = test_taskgroups.py::TestTaskGroup::test_taskgroup_24 test_taskgroups.py::TestTaskGroup::test_taskgroup_25
import asyncio

nhydras = 0


async def coro1(delay):
    await asyncio.sleep(delay)


async def root(g):
    await asyncio.sleep(0.1)
    g.create_task(coro1(0.1))
    g.create_task(coro1(0.2))


async def hydra(g):
    global nhydras
    nhydras += 1
    await asyncio.sleep(0.01)
    g.create_task(hydra(g))
    g.create_task(hydra(g))


async def hercules():
    while nhydras < 10:
        await asyncio.sleep(0.015)
    1 / 0


async def main():
    loop = asyncio.get_running_loop()
    async with asyncio.TaskGroup() as g:
        g.create_task(root(g))
    print('24 done at', loop.time())
    try:
        async with asyncio.TaskGroup() as g:
            g.create_task(hydra(g))
            g.create_task(hercules())
    except ExceptionGroup as eg:
        print('25', repr(eg), nhydras >= 10)

asyncio.run(main())
