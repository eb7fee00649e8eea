# aiospec: description = service shutdown: background heartbeat and metrics tasks run while the main work finishes, then every background task is cancelled and awaited with gather(return_exceptions=True); notice the CancelledError entries in the gathered results and the final task states
# aiospec: python = 3.7-3.15
import asyncio
import itertools


async def heartbeat(interval, beats):
    for n in itertools.count(1):
        await asyncio.sleep(interval)
        beats.append(n)


async def metrics_flusher(interval, flushed):
    while True:
        await asyncio.sleep(interval)
        flushed.append(len(flushed) + 1)


async def handle_requests(count):
    served = []
    for i in range(count):
        await asyncio.sleep(0.03)
        served.append(f"req-{i}")
    return served


async def main():
    beats, flushed = [], []
    background = [
        asyncio.create_task(heartbeat(0.026, beats)),
        asyncio.create_task(metrics_flusher(0.07, flushed)),
    ]
    served = await handle_requests(5)
    print("served:", served)
    print(f"before shutdown: {len(beats)} heartbeats, {len(flushed)} flushes")

    for task in background:
        task.cancel()
    results = await asyncio.gather(*background, return_exceptions=True)
    print("shutdown results:", [type(r).__name__ for r in results])
    print("cancelled flags:", [t.cancelled() for t in background])
    print("isinstance CancelledError:", [isinstance(r, asyncio.CancelledError) for r in results])
    print("is Exception subclass:", [isinstance(r, Exception) for r in results])


asyncio.run(main())
