# aiospec: description = From 3.13 as_completed is also an async iterator, and it yields the original tasks themselves, done, in completion order.
# aiospec: rules = AC1
# aiospec: python = 3.13-3.15
import asyncio


async def job(name, delay):
    await asyncio.sleep(delay)
    return name


async def main():
    tasks = [asyncio.ensure_future(job(n, d)) for n, d in [('a', 0.5), ('b', 0.25)]]
    async for t in asyncio.as_completed(tasks):
        print(t.result(), t is tasks[0] or t is tasks[1], t.done())

asyncio.run(main())
