# aiospec: description = progress reporting with asyncio.wait(timeout=...) in a loop: every tick prints how many jobs are still running until all finish; notice wait() never raises on timeout, it just returns the pending set
# aiospec: python = 3.7-3.15
import asyncio
import itertools
import time


async def build(target, seconds):
    await asyncio.sleep(seconds)
    return f"{target}.o"


async def main():
    targets = {"parser": 0.13, "lexer": 0.05, "codegen": 0.27, "runtime": 0.16}
    tasks = {asyncio.create_task(build(t, s)): t for t, s in targets.items()}
    pending = set(tasks)
    artifacts = []
    start = time.monotonic()
    for tick in itertools.count(1):
        done, pending = await asyncio.wait(pending, timeout=0.06)
        for t in sorted(done, key=tasks.get):
            artifacts.append(t.result())
        bar = "#" * len(artifacts) + "." * len(pending)
        print("tick %d [%s] %d/%d built, t=%.2f" % (tick, bar, len(artifacts), len(tasks),
                                                    time.monotonic() - start))
        if not pending:
            break
    print("artifacts:", ", ".join(artifacts))
    print(f"ticks needed: {tick}")


asyncio.run(main())
