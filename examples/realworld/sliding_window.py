# aiospec: description = bounded concurrency without a semaphore: keep at most 3 downloads in flight with asyncio.wait(FIRST_COMPLETED) and start the next one whenever a slot frees up; notice the in-flight count never exceeds the limit and the start times of queued jobs
# aiospec: python = 3.7-3.15
import asyncio
import time

LIMIT = 3
FILES = [("a.bin", 0.10), ("b.bin", 0.04), ("c.bin", 0.07), ("d.bin", 0.02),
         ("e.bin", 0.09), ("f.bin", 0.05), ("g.bin", 0.03)]

started_at = {}


async def download(name, seconds, clock):
    started_at[name] = round(clock() , 2)
    await asyncio.sleep(seconds)
    return name, seconds


async def main():
    t0 = time.monotonic()
    clock = lambda: time.monotonic() - t0
    todo = list(FILES)
    in_flight = set()
    finished = []
    peak = 0
    while todo or in_flight:
        while todo and len(in_flight) < LIMIT:
            name, seconds = todo.pop(0)
            in_flight.add(asyncio.create_task(download(name, seconds, clock)))
        peak = max(peak, len(in_flight))
        done, in_flight = await asyncio.wait(in_flight, return_when=asyncio.FIRST_COMPLETED)
        for task in sorted(done, key=lambda t: t.result()[0]):
            name, seconds = task.result()
            finished.append(name)
            print(f"{clock():5.2f}s  finished {name} (started {started_at[name]:.2f}s, took {seconds}s)")
    print("finish order:", finished)
    print("peak in flight:", peak)
    print("total: %.2fs" % clock())


asyncio.run(main())
