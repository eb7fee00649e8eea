# aiospec: description = Coroutines passed to wait: wrapped in tasks (3.7-3.8), with a DeprecationWarning (3.9-3.10), TypeError from 3.11 and then never awaited.
# aiospec: rules = W10 W7
import asyncio


async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def main():
    try:
        done, pending = await asyncio.wait([work('a', 0.25)])
        print(len(done), len(pending))
    except TypeError as e:
        print('caught', repr(e))

asyncio.run(main())
