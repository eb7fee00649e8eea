# aiospec: description = gather(return_exceptions=True) of six bare Futures, two of them cancelled: it waits for all six and its result holds CancelledError instances where they were cancelled, the exception objects where they failed; its callback runs once.
# aiospec: rules = G3 G5
# aiospec: cites = test_tasks.py::FutureGatherTests::test_result_exception_one_cancellation
import asyncio


async def settle():
    for _ in range(5):
        await asyncio.sleep(0)


async def main():
    loop = asyncio.get_running_loop()
    a, b, c, d, e, f = [loop.create_future() for i in range(6)]
    fut = asyncio.gather(a, b, c, d, e, f, return_exceptions=True)
    calls = []
    fut.add_done_callback(calls.append)
    a.set_result(1)
    zde = ZeroDivisionError()
    b.set_exception(zde)
    c.cancel()
    await settle()
    print('done', fut.done())
    d.set_result(3)
    e.cancel()
    rte = RuntimeError()
    f.set_exception(rte)
    res = await fut
    print(isinstance(res[2], asyncio.CancelledError), isinstance(res[4], asyncio.CancelledError))
    res[2] = res[4] = None
    print(res, res == [1, zde, None, 3, None, rte], res[1] is zde, res[5] is rte)
    print('callback calls', len(calls), 'with fut', calls[0] is fut)

asyncio.run(main())
