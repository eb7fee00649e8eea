# aiospec: description = classic "while pending: done, pending = await asyncio.wait(pending, return_when=FIRST_COMPLETED)" loop processing results in completion order; notice tasks are mapped back to their names through a dict, never by iterating the done set blindly
# aiospec: python = 3.7-3.15
import asyncio
import time

JOBS = {"thumbnail": 0.12, "metadata": 0.03, "checksum": 0.07, "transcode": 0.21, "preview": 0.16}


async def process(kind, seconds):
    await asyncio.sleep(seconds)
    return f"{kind}-ok"


async def main():
    start = time.monotonic()
    names = {}
    for kind, seconds in JOBS.items():
        names[asyncio.create_task(process(kind, seconds))] = kind
    pending = set(names)
    order = []
    rounds = 0
    while pending:
        done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
        rounds += 1
        for task in sorted(done, key=lambda t: names[t]):
            order.append(names[task])
            at = round(time.monotonic() - start, 2)
            print(f"round {rounds}: {names[task]:<10} -> {task.result()} at t={at}")
        print(f"         still running: {len(pending)}")
    print("completion order:", " > ".join(order))
    print(f"{rounds} rounds for {len(JOBS)} jobs")


asyncio.run(main())
