# aiospec: description = shield() of a gather of two bare Futures: cancelling the shield cancels only the shield; the gather still finishes with [1, 2] when the Futures complete.
# aiospec: rules = SH1 G1
# aiospec: cites = test_tasks.py::BaseTaskTests::test_shield_gather
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    child1 = loop.create_future()
    child2 = loop.create_future()
    parent = asyncio.gather(child1, child2)
    outer = asyncio.shield(parent)
    await asyncio.sleep(0)
    outer.cancel()
    await asyncio.sleep(0)
    print('outer cancelled', outer.cancelled())
    child1.set_result(1)
    child2.set_result(2)
    await asyncio.sleep(0)
    print('parent', parent.result())

asyncio.run(main())
