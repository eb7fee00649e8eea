# aiospec: description = time.* reads the loop's virtual clock, time.sleep blocks the whole loop, and a seeded random.Random gives CPython's exact numbers.
# aiospec: rules = M6 L4
import asyncio
import random
import time


async def ticker(name, rng):
    for _ in range(3):
        delay = repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(repr(rng))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))).choice([0.25, 0.5, 1.0])
        await asyncio.sleep(delay)
        print(name, 'slept', delay, 'at', time.monotonic() - START)


async def main():
    rng = random.Random(42)
    print(rng.random(), rng.randint(1, 100), rng.sample(range(10), 3))
    t0 = time.monotonic()
    time.sleep(2)
    print('time.sleep moved the clock by', time.monotonic() - t0)
    await asyncio.gather(ticker('a', rng), ticker('b', rng))

START = time.monotonic()
asyncio.run(main())
