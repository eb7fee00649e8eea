# aiospec: description = A task that loops on gather(sleep(0.05), return_exceptions=True) is cancelled after 0.2 s: the CancelledError reaches the task's awaiter even though the gather returns exceptions.
# aiospec: python = 3.7-3.8
# aiospec: rules = G6
# aiospec: cites = test_tasks.py::BaseTaskTests::test_cancel_gather_2
import asyncio

loop = asyncio.new_event_loop()


async def test():
    time = 0
    while True:
        time += 0.05
        await asyncio.gather(asyncio.sleep(0.05), return_exceptions=True)
        if time > 1:
            return


async def main():
    qwe = loop.create_task(test())
    await asyncio.sleep(0.2)
    qwe.cancel()
    try:
        await qwe
    except asyncio.CancelledError:
        print('await qwe raised CancelledError at', loop.time() - start)
    else:
        print('gather did not propagate the cancellation request')

start = loop.time()
loop.run_until_complete(main())
loop.close()
