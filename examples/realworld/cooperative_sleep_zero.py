# aiospec: description = cooperative multitasking with asyncio.sleep(0): CPU-bound chunks yield to each other after every step, so three checksum jobs interleave round-robin without any timers; notice the strict interleaving pattern in the trace and that no virtual time passes
# aiospec: python = 3.7-3.15
import asyncio
import time


async def crunch(name, steps, trace):
    acc = 0
    for step in range(steps):
        acc = (acc * 31 + len(name) + step) % 10007
        trace.append(f"{name}{step}")
        await asyncio.sleep(0)
    return name, acc


async def main():
    start = time.monotonic()
    trace = []
    results = await asyncio.gather(crunch("a", 4, trace), crunch("b", 2, trace), crunch("c", 5, trace))
    print("trace:", " ".join(trace))
    for name, acc in results:
        print(f"{name}: checksum {acc}")
    print("virtual time passed:", round(time.monotonic() - start, 6))


asyncio.run(main())
