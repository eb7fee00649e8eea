import asyncio


async def main():
    async def a():
        await asyncio.gather(b_task)
    async def b():
        await asyncio.gather(a_task)
    a_task = asyncio.create_task(a())
    b_task = asyncio.create_task(b())
    await asyncio.sleep(0)
    a_task.cancel()

asyncio.run(main())
