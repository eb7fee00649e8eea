# aiospec: description = Queue(maxsize=2): a putter of three items blocks after two; each get() lets it put one more on the next turn.
# aiospec: python = 3.11-3.15
# aiospec: rules = Q1
# aiospec: cites = test_queues.py::QueueBasicTests::test_maxsize
import asyncio


async def main():
    q = asyncio.Queue(maxsize=2)
    print(q.maxsize)
    have_been_put = []

    async def putter():
        for i in range(3):
            await q.put(i)
            have_been_put.append(i)
        return True

    t = asyncio.create_task(putter())
    for i in range(2):
        await asyncio.sleep(0)
    print(have_been_put)
    print(await q.get())
    await asyncio.sleep(0)
    print(have_been_put)
    print(await q.get(), await q.get())
    print(t.done(), t.result())

asyncio.run(main())
