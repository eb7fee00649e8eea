# aiospec: description = From 3.12 wait_for awaits a coroutine in the caller's task: the child runs before the caller's next statement without a loop iteration.
# aiospec: rules = WF5 T1
import asyncio


async def quick():
    print('quick runs')
    return 1

async def other():
    print('other runs')

async def main():
    t = asyncio.create_task(other())
    r = await asyncio.wait_for(quick(), 1)
    print('got', r)
    await t

asyncio.run(main())
