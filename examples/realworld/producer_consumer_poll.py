# aiospec: description = producer/consumer over a shared list with sleep-based polling instead of asyncio.Queue; the producer sets a module-level done flag (global) and the consumer drains what is left; notice the polling count and the latency between produce and consume
# aiospec: python = 3.7-3.13
import asyncio
import time

buffer = []
producer_done = False


async def producer(n, interval):
    global producer_done
    for i in range(n):
        await asyncio.sleep(interval)
        buffer.append((i, time.monotonic()))
        print(f"produced item {i}")
    producer_done = True
    print("producer finished")


async def consumer(poll_every):
    polls = 0
    latencies = []
    while True:
        if buffer:
            item, made_at = buffer.pop(0)
            latencies.append(time.monotonic() - made_at)
            print(f"  consumed item {item} (waited {latencies[-1]:.3f}s)")
            continue
        if producer_done:
            break
        polls += 1
        await asyncio.sleep(poll_every)
    return polls, latencies


async def main():
    start = time.monotonic()
    _, (polls, latencies) = await asyncio.gather(producer(5, 0.035), consumer(0.02))
    print(f"consumer polled {polls} times")
    print(f"max latency {max(latencies):.3f}s, mean {sum(latencies) / len(latencies):.3f}s")
    print("elapsed", round(time.monotonic() - start, 2))


asyncio.run(main())
