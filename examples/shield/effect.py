# aiospec: description = Cancelling a task that awaits shield(inner()) raises CancelledError in it, while the inner coroutine's task runs on to its end once the Future it waits for is set.
# aiospec: rules = SH1
# aiospec: cites = test_tasks.py::BaseTaskTests::test_shield_effect
import asyncio

proof = 0


async def main():
    loop = asyncio.get_running_loop()
    waiter = loop.create_future()

    async def inner():
        global proof
        await waiter
        proof += 1

    async def outer():
        global proof
        await asyncio.shield(inner())
        proof += 100

    f = asyncio.ensure_future(outer())
    await asyncio.sleep(0)
    f.cancel()
    try:
        await f
    except asyncio.CancelledError:
        print('outer task cancelled', f.cancelled())
    waiter.set_result(None)
    await asyncio.sleep(0)
    print('proof', proof)

asyncio.run(main())
