# aiospec: description = shield() of a Future: an exception set on the inner is the outer's exception (the same object) one turn later, and cancelling the inner cancels the outer.
# aiospec: rules = SH1
# aiospec: cites = test_tasks.py::BaseTaskTests::test_shield_exception test_tasks.py::BaseTaskTests::test_shield_cancel_inner
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    inner = loop.create_future()
    outer = asyncio.shield(inner)
    await asyncio.sleep(0)
    exc = RuntimeError('expected')
    inner.set_exception(exc)
    await asyncio.sleep(0)
    print('outer done', outer.done())
    print('same exception', outer.exception() is exc)
    inner2 = loop.create_future()
    outer2 = asyncio.shield(inner2)
    await asyncio.sleep(0)
    inner2.cancel()
    await asyncio.sleep(0)
    print('outer2 cancelled', outer2.cancelled())

asyncio.run(main())
