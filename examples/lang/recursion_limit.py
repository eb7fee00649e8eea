# aiospec: description = RecursionError inside a task: how deep a coroutine can recurse depends on the frames asyncio itself keeps on the stack, which changed between versions.
# aiospec: rules = M2
import asyncio
import sys


def depth(n):
    try:
        return depth(n + 1)
    except RecursionError:
        return n


async def main():
    print('limit', sys.getrecursionlimit())
    print('reached', depth(0))

asyncio.run(main())
