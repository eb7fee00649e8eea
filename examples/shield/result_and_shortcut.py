# aiospec: description = shield() of a pending Future gives a new outer future that takes the inner's result; shield() of a Future already done returns that Future itself.
# aiospec: rules = SH1
# aiospec: cites = test_tasks.py::BaseTaskTests::test_shield_result test_tasks.py::BaseTaskTests::test_shield_shortcut
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    inner = loop.create_future()
    outer = asyncio.shield(inner)
    print('outer is inner', outer is inner)
    inner.set_result(42)
    print('result', await outer)
    fut = loop.create_future()
    fut.set_result(42)
    short = asyncio.shield(fut)
    print('shortcut is fut', short is fut)
    print('shortcut result', await short)

asyncio.run(main())
