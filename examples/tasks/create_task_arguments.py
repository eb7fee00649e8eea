# aiospec: description = create_task's arguments per version: name= from 3.8 (only an unnamed task takes a Task-N number), context= from 3.11; from 3.14 every keyword goes on to Task(), which rejects the ones it does not take and a second loop; a coroutine is required.
# aiospec: rules = T11
import asyncio


async def c():
    return 1

async def main():
    loop = asyncio.get_running_loop()
    for kw in [dict(k=1, j=2), dict(name="x"), dict(name=5), dict(context=None), dict(eager_start=False), dict(loop=None, k=1), {}]:
        co = c()
        try:
            t = asyncio.create_task(co, **kw)
            print(await t, t.get_name())
        except TypeError as e:
            print(repr(e))
            co.close()
    for a in [(1,), (c(), 2), ()]:
        try:
            asyncio.create_task(*a, k=2)
        except TypeError as e:
            print(repr(e))
        try:
            loop.create_task(*a, k=2)
        except TypeError as e:
            print(repr(e))
    co = c()
    t = loop.create_task(coro=co)
    print(await t, t.get_name())
    asyncio.create_task(1)

asyncio.run(main())
