# aiospec: description = bounded concurrency by batching: items are processed in slices of BATCH with one gather per slice, so each batch waits for its slowest member; notice per-batch timing and math.ceil for the batch count
# aiospec: python = 3.7-3.15
import asyncio
import math
import time

BATCH = 4


async def resize(image_id):
    cost = 0.01 + (image_id % 5) * 0.01
    await asyncio.sleep(cost)
    return image_id, f"{image_id:03d}_small.jpg", cost


async def main():
    images = list(range(101, 111))
    n_batches = math.ceil(len(images) / BATCH)
    print(f"{len(images)} images in {n_batches} batches of up to {BATCH}")
    start = time.monotonic()
    outputs = []
    for b, i in enumerate(range(0, len(images), BATCH), 1):
        chunk = images[i:i + BATCH]
        t0 = time.monotonic()
        results = await asyncio.gather(*(resize(x) for x in chunk))
        slowest = max(r[2] for r in results)
        outputs.extend(name for _, name, _ in results)
        print("batch %d: %-16s took %.2fs (slowest item %.2fs)" % (
            b, str(chunk[0]) + ".." + str(chunk[-1]), time.monotonic() - t0, slowest))
    print("first/last output:", outputs[0], outputs[-1])
    print(f"total {time.monotonic() - start:.2f}s for {len(outputs)} images")


asyncio.run(main())
