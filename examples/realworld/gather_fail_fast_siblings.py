# aiospec: description = gather without return_exceptions: the first failure propagates to the caller immediately while the sibling coroutines keep running in the background; notice the "finished" lines printed after the error was handled and the sibling results read later
# aiospec: python = 3.7-3.15
import asyncio
import time


async def resize(name, seconds, fail=False):
    await asyncio.sleep(seconds)
    if fail:
        raise OSError(f"disk full while writing {name}")
    print(f"  {name}: finished at {time.monotonic() - START:.2f}s")
    return name.upper()


async def main():
    global START
    START = time.monotonic()
    tasks = [
        asyncio.create_task(resize("small.png", 0.02)),
        asyncio.create_task(resize("medium.png", 0.05, fail=True)),
        asyncio.create_task(resize("large.png", 0.09)),
        asyncio.create_task(resize("huge.png", 0.14)),
    ]
    try:
        await asyncio.gather(*tasks)
    except OSError as exc:
        print(f"gather raised at {time.monotonic() - START:.2f}s: {exc}")
    print("right after the error:", ["done" if t.done() else "running" for t in tasks])
    await asyncio.sleep(0.12)
    print("a bit later:        ", ["done" if t.done() else "running" for t in tasks])
    survivors = [t.result() for t in tasks if t.done() and not t.cancelled() and t.exception() is None]
    print("results of the survivors:", survivors)


START = 0.0
asyncio.run(main())
