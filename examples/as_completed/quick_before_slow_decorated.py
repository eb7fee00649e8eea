# aiospec: description = as_completed([b, c, a]) over three generator-based coroutines (@asyncio.coroutine, deprecated; two sleeping 0.01 s, one 0.15 s) gives the two quick results first, in either order, then the slow one, at 0.15 s; a second pass over the same, now finished, coroutine objects takes no time.
# aiospec: rules = AC1
# aiospec: python = 3.10
# aiospec: cites = test_tasks.py::BaseTaskTests::test_as_completed
import asyncio

loop = asyncio.new_event_loop()


@asyncio.coroutine
def sleeper(dt, x):
    yield from asyncio.sleep(dt)
    return x

a = sleeper(0.01, 'a')
b = sleeper(0.01, 'b')
c = sleeper(0.15, 'c')


async def foo():
    values = []
    for f in asyncio.as_completed([b, c, a]):
        values.append(await f)
    return values

res = loop.run_until_complete(loop.create_task(foo()))
print(sorted(res[:2]), res[2], loop.time())
try:
    res = loop.run_until_complete(loop.create_task(foo()))
    print('again', res, loop.time())
except RuntimeError as e:
    print('again: RuntimeError', e, loop.time())
loop.close()
