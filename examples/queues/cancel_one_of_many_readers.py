# aiospec: description = Three readers wait on an empty Queue; two items arrive and the first reader is cancelled: it raises CancelledError, and the other two get the items 1 and 2 between them.
# aiospec: python = 3.11-3.15
# aiospec: rules = Q2 TG1
# aiospec: cites = test_queues.py::QueuePutTests::test_get_cancel_drop_many_pending_readers
import asyncio


async def main():
    q = asyncio.Queue()
    async with asyncio.TaskGroup() as tg:
        reader1 = tg.create_task(q.get())
        reader2 = tg.create_task(q.get())
        reader3 = tg.create_task(q.get())
        await asyncio.sleep(0)
        q.put_nowait(1)
        q.put_nowait(2)
        reader1.cancel()
        try:
            await reader1
        except asyncio.CancelledError:
            print('reader1 CancelledError')
        await reader3
    print(sorted({reader2.result(), reader3.result()}))

asyncio.run(main())
