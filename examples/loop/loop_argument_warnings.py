# aiospec: description = Each place that reads a loop= argument on 3.8-3.9 warns once, and constructors that pass it on warn again: Lock, Event, Semaphore and shield once; Condition, BoundedSemaphore and Queue twice; as_completed three times; sleep(0) and gather of children only on 3.9; wait, wait_for and the empty gather once. 3.7 takes loop= silently; from 3.10 it is a TypeError.
# aiospec: python = 3.7-3.15
# aiospec: rules = L8
import asyncio
import sys


async def child():
    return 1


async def main():
    loop = asyncio.get_running_loop()
    kw = {'loop': loop}
    made = []
    for cls in (asyncio.Lock, asyncio.Event, asyncio.Condition, asyncio.Semaphore,
                asyncio.BoundedSemaphore, asyncio.Queue):
        try:
            made.append(type(cls(**kw)).__name__)
        except TypeError as e:
            made.append(str(e))
    print(made)
    for name, make in [
        ('sleep(0)', lambda: asyncio.sleep(0, **kw)),
        ('sleep(0.01)', lambda: asyncio.sleep(0.01, **kw)),
        ('gather()', lambda: asyncio.gather(**kw)),
        ('gather(child())', lambda: asyncio.gather(child(), **kw)),
        ('wait', lambda: asyncio.wait([asyncio.ensure_future(child())], **kw)),
        ('wait_for', lambda: asyncio.wait_for(child(), 1, **kw)),
        ('shield', lambda: asyncio.shield(child(), **kw)),
    ]:
        try:
            r = await make()
            print(name, 'ok', r if name != 'wait' else len(r[0]))
        except TypeError as e:
            print(name, 'TypeError', e)
    try:
        for f in asyncio.as_completed([child()], **kw):
            print('as_completed', await f)
    except TypeError as e:
        print('as_completed TypeError', e)

asyncio.run(main())
