# aiospec: description = call_soon runs callbacks first in, first out in the next turn; call_later/call_at timers fire in deadline order, equal deadlines in scheduling order; a cancelled handle never runs.
# aiospec: rules = L1 L3 F7
import asyncio


def say(*words):
    print(asyncio.get_running_loop().time(), *words)


async def main():
    loop = asyncio.get_running_loop()
    now = loop.time()
    loop.call_later(0.5, say, 'later 0.5 (first)')
    loop.call_at(now + 0.5, say, 'at 0.5 (second)')
    h = loop.call_later(0.25, say, 'never')
    loop.call_soon(say, 'soon 1')
    loop.call_soon(say, 'soon 2')
    print(h.cancelled(), h.when())
    h.cancel()
    print(h.cancelled(), h)
    await asyncio.sleep(1)

asyncio.run(main())
