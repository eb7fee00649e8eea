# aiospec: description = Only tasks have get_name() (3.8+): a gather's future raises AttributeError naming its class ('_GatheringFuture'). (Automatic 'Task-<n>' names come from a process-wide counter in CPython, so the corpus, run many scenarios to a process, names its tasks.)
# aiospec: rules = T1 G1
import asyncio


async def c():
    return 1

async def main():
    t = asyncio.create_task(c(), name='t')
    u = asyncio.create_task(c(), name='named')
    v = asyncio.create_task(c(), name='v')
    try:
        print('u', u.get_name())
    except AttributeError as e:
        print(repr(e))
    g = asyncio.gather(t, u, v)
    try:
        print('g', g.get_name())
    except AttributeError as e:
        print(repr(e))
    print(await g)

asyncio.run(main())
