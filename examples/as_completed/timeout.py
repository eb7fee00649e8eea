# aiospec: description = as_completed with a timeout: the awaitables still pending when it expires raise TimeoutError; their tasks keep running.
# aiospec: rules = AC1
import asyncio


async def job(name, delay):
    await asyncio.sleep(delay)
    return name


async def main():
    tasks = [asyncio.ensure_future(job(n, d)) for n, d in [('fast', 0.25), ('slow', 2), ('slower', 3)]]
    for next_done in asyncio.as_completed(tasks, timeout=1):
        try:
            print('got', await next_done)
        except asyncio.TimeoutError:
            print('timed out at', asyncio.get_running_loop().time())
    print([t.done() for t in tasks])
    await asyncio.gather(*tasks)
    print('all done at', asyncio.get_running_loop().time())

asyncio.run(main())
