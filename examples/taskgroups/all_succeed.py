# aiospec: description = A TaskGroup whose children all succeed waits for every one of them as the block exits; the tasks' results are read afterwards.
# aiospec: rules = TG1
# aiospec: python = 3.11-3.15
import asyncio


async def fetch(n):
    await asyncio.sleep(n / 4)
    return n * n


async def main():
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(fetch(n), name=f'fetch-{n}') for n in (3, 1, 2)]
        print('created', [t.get_name() for t in tasks])
    print([t.result() for t in tasks], 'at', asyncio.get_running_loop().time(), tg)

asyncio.run(main())
