# aiospec: description = Two children of a TaskGroup fail and nobody catches the group: the traceback shows the ExceptionGroup with each child's traceback in its own box.
# aiospec: rules = TG1 M5
# aiospec: python = 3.11-3.15
import asyncio


async def parse(text):
    await asyncio.sleep(0.25)
    return int(text)


async def lookup(key):
    await asyncio.sleep(0.25)
    return {'a': 1}[key]


async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(parse('x1'))
        tg.create_task(lookup('b'))

asyncio.run(main())
