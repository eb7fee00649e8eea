# aiospec: description = create_task schedules the task's first step; it runs only when the creator yields.
# aiospec: rules = T1
import asyncio


async def hello():
    print('task runs')

async def main():
    t = asyncio.create_task(hello())
    print('created')
    await asyncio.sleep(0)
    print('after yield')
    await t

asyncio.run(main())
