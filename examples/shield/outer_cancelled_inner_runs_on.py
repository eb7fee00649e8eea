# aiospec: description = Cancelling the task that awaits shield(inner): the awaiting task gets CancelledError at once, the inner task keeps running to its end, and its later result is dropped.
# aiospec: rules = SH1
import asyncio


async def inner_work():
    await asyncio.sleep(1)
    print('inner finished at', asyncio.get_running_loop().time())
    return 'inner result'


async def waiter(inner):
    try:
        return await asyncio.shield(inner)
    except asyncio.CancelledError:
        print('waiter cancelled; inner done:', inner.done())
        raise


async def main():
    inner = asyncio.ensure_future(inner_work())
    w = asyncio.ensure_future(waiter(inner))
    await asyncio.sleep(0.5)
    print(inner)
    w.cancel()
    await asyncio.sleep(0)
    print('waiter cancelled:', w.cancelled())
    print(await inner)

asyncio.run(main())
