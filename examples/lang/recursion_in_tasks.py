# aiospec: description = How deep code may recurse at each point of a task's life: its first step, after a bare yield (sleep(0)), after a wakeup by another task's end, in a child task, under run_until_complete. asyncio's own frames count against the limit.
# aiospec: rules = M2
import asyncio
import sys


def depth(n):
    try:
        return depth(n + 1)
    except RecursionError:
        return n


async def child():
    await asyncio.sleep(0)
    return depth(0)


async def main():
    first = depth(0)
    await asyncio.sleep(0)
    after_yield = depth(0)
    await asyncio.ensure_future(asyncio.sleep(0))
    after_wakeup = depth(0)
    in_children = await asyncio.gather(child(), child())
    print(first, after_yield, after_wakeup, in_children, sys.getrecursionlimit())


asyncio.run(main())
loop = asyncio.new_event_loop()
loop.run_until_complete(main())
loop.close()
