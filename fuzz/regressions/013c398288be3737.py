import asyncio


async def main():
    async def a():
        await b_task
    async def b():
        await a_task
    a_task = asyncio.create_task(a())
    b_task = asyncio.create_task(b())
    await asyncio.sleep(0)
    a_task.cancel()
    await asyncio.sleep(1)
    l = [0]
    for _ in range(79):
        l = l + l
    print(len(l))

loop = asyncio.new_event_loop()
print(loop.run_until_complete(main()))
loop.close()
