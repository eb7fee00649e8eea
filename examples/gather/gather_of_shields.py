# aiospec: description = gather of two shield()s of bare Futures: cancelling the gather cancels the shields (its exception is a CancelledError) but not the Futures inside, which complete later without any report.
# aiospec: rules = G6 SH1
# aiospec: cites = test_tasks.py::BaseTaskTests::test_gather_shield
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    child1 = loop.create_future()
    child2 = loop.create_future()
    inner1 = asyncio.shield(child1)
    inner2 = asyncio.shield(child2)
    parent = asyncio.gather(inner1, inner2)
    await asyncio.sleep(0)
    parent.cancel()
    await asyncio.sleep(0)
    print('parent exception', type(parent.exception()).__name__)
    print('shields cancelled', inner1.cancelled(), inner2.cancelled())
    print('children cancelled', child1.cancelled(), child2.cancelled())
    child1.set_result(1)
    child2.set_result(2)
    await asyncio.sleep(0)
    print('children', child1.result(), child2.result())

asyncio.run(main())
