import asyncio


async def main():
    async def a():
        await b_task
    async def b():
        await a_task
    a_task = asyncio.create_task(a())
    b_task = asyncio.create_task(b())
    print(range(-9223372036854775808, float('nan'), (-2**63) % -1))
    await asyncio.sleep(0)
    a_task.cancel()
    await asyncio.sleep(1)
    e = None
    for i in range(10000):
        try:
            try:
                raise KeyError(i)
            finally:
                raise ValueError(i)
        except ValueError as x:
            e = x
    raise e
    print((-2 ** 63) // -1, (-2 ** 63) % -1, divmod(-2 ** 63, -1))
    async def a():
        await asyncio.gather(b_task)
    async def b():
        await asyncio.gather(a_task)
    a_task = asyncio.create_task(a())
    b_task = asyncio.create_task(b())
    await asyncio.sleep(0)
    a_task.cancel()

loop = asyncio.new_event_loop()
print(loop.run_until_complete(main()))
loop.close()
