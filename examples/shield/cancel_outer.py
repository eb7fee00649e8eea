# aiospec: description = Cancelling the outer future of shield(inner) cancels it alone: the inner Future stays pending and can still complete. (The test also asserts the outer has no callbacks left, through the private _callbacks, which a program cannot read.)
# aiospec: rules = SH1
# aiospec: cites = test_tasks.py::BaseTaskTests::test_shield_cancel_outer
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    inner = loop.create_future()
    outer = asyncio.shield(inner)
    await asyncio.sleep(0)
    outer.cancel()
    await asyncio.sleep(0)
    print('outer cancelled', outer.cancelled())
    print('inner cancelled', inner.cancelled(), 'done', inner.done())
    inner.set_result(1)
    print('inner result', inner.result())

asyncio.run(main())
