# aiospec: description = Workers on a bounded Queue: put() waits while the queue is full, get() while it is empty; join() returns when every item was marked task_done(); the workers are then cancelled.
# aiospec: rules = Q1
import asyncio


async def worker(q, name):
    while True:
        item = await q.get()
        await asyncio.sleep(0.25 * item)
        print(f'{name} did {item} at {asyncio.get_running_loop().time()}')
        q.task_done()


async def main():
    q = asyncio.Queue(maxsize=2)
    workers = [asyncio.ensure_future(worker(q, f'w{i}')) for i in range(2)]
    for item in [3, 1, 2, 1, 1]:
        await q.put(item)
        print('put', item, q.qsize(), q)
    await q.join()
    print('joined at', asyncio.get_running_loop().time(), q)
    for w in workers:
        w.cancel()
    print(await asyncio.gather(*workers, return_exceptions=True))

asyncio.run(main())
