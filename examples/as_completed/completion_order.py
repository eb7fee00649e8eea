# aiospec: description = as_completed yields awaitables in completion order; the results come in that order, whatever the order of the input.
# aiospec: rules = AC1
import asyncio


async def job(name, delay):
    await asyncio.sleep(delay)
    return f'{name} after {delay}'


async def main():
    tasks = [asyncio.ensure_future(job(n, d)) for n, d in [('a', 0.75), ('b', 0.25), ('c', 0.5)]]
    for next_done in asyncio.as_completed(tasks):
        print(await next_done, 'at', asyncio.get_running_loop().time())

asyncio.run(main())
