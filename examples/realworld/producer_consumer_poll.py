# aiospec: description = producer/consumer over a shared list with sleep-based polling instead of asyncio.Queue; the producer sets a module-level done flag (global) and the consumer drains what is left; notice the latency between produce and consume and that every item is consumed exactly once
# aiospec: python = 3.7-3.15
import asyncio
import time

buffer = []
producer_done = False


async def producer(gaps):
    global producer_done
    for i, gap in enumerate(gaps):
        await asyncio.sleep(gap)
        buffer.append((i, time.monotonic()))
        print(f"produced item {i}")
    producer_done = True
    print("producer finished")


async def consumer(poll_every, work_time):
    polls = 0
    latencies = []
    await asyncio.sleep(0.01)  # connect to the sink first
    while True:
        if buffer:
            item, made_at = buffer.pop(0)
            latencies.append(time.monotonic() - made_at)
            print(f"  consumed item {item} (waited {latencies[-1]:.3f}s, backlog {len(buffer)})")
            await asyncio.sleep(work_time)
            continue
        if producer_done:
            break
        polls += 1
        await asyncio.sleep(poll_every)
    return polls, latencies


async def main():
    start = time.monotonic()
    _, (polls, latencies) = await asyncio.gather(
        producer([0.04, 0.02, 0.02, 0.06, 0.02, 0.04]), consumer(0.02, 0.02))
    print("consumer found the buffer empty at least once:", polls > 0)
    print(f"max latency {max(latencies):.3f}s, mean {sum(latencies) / len(latencies):.3f}s")
    print("elapsed", round(time.monotonic() - start, 2))


asyncio.run(main())
