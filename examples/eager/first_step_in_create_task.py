# aiospec: description = With asyncio.eager_task_factory, create_task runs the coroutine's first step at once, inside the call, as the current task: a coroutine that returns there is done when create_task returns (it is never scheduled); one that awaits goes on as any task. Without a factory the first step waits for the next loop turn.
# aiospec: rules = ET1 T1
# aiospec: python = 3.12-3.15
import asyncio


async def quick(n):
    print('quick', n, 'runs in', asyncio.current_task().get_name())
    return n


async def slow(n):
    print('slow', n, 'first step')
    await asyncio.sleep(0.5)
    print('slow', n, 'resumed')
    return n


async def main():
    loop = asyncio.get_running_loop()
    lazy = asyncio.create_task(quick(0))
    print('lazy task done after create_task:', lazy.done())
    loop.set_task_factory(asyncio.eager_task_factory)
    q = asyncio.create_task(quick(1))
    print('eager task done after create_task:', q.done(), q.result())
    s = asyncio.create_task(slow(2))
    print('back in', asyncio.current_task().get_name(), '- slow done:', s.done())
    print(await asyncio.gather(lazy, q, s))

asyncio.run(main())
