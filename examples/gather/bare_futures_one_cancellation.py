# aiospec: description = gather of five bare Futures: when one is cancelled the gather is done, not cancelled, with a CancelledError as its exception, and its callback runs once; later results, a cancel and an exception change nothing.
# aiospec: rules = G5
# aiospec: cites = test_tasks.py::FutureGatherTests::test_one_cancellation
import asyncio


async def settle():
    for _ in range(5):
        await asyncio.sleep(0)


async def main():
    loop = asyncio.get_running_loop()
    a, b, c, d, e = [loop.create_future() for i in range(5)]
    fut = asyncio.gather(a, b, c, d, e)
    calls = []
    fut.add_done_callback(calls.append)
    a.set_result(1)
    b.cancel()
    await settle()
    print('done', fut.done(), 'callback calls', len(calls), 'with fut', calls[0] is fut)
    print('cancelled', fut.cancelled(), 'exception', type(fut.exception()).__name__,
          isinstance(fut.exception(), asyncio.CancelledError))
    # does nothing
    c.set_result(3)
    d.cancel()
    e.set_exception(RuntimeError())
    e.exception()
    await settle()
    print('afterwards: callback calls', len(calls), 'cancelled', fut.cancelled())

asyncio.run(main())
