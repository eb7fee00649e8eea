# aiospec: description = Cancelling shield's outer future removes shield's callback from the inner task (once the outer's own callback runs): when the inner task fails later, nobody retrieves its exception, and it is reported.
# aiospec: rules = SH1 R6
import asyncio


async def inner_work():
    await asyncio.sleep(1)
    raise ValueError('inner failed')


async def main():
    inner = asyncio.ensure_future(inner_work())
    outer = asyncio.shield(inner)
    print(outer)
    outer.cancel()
    await asyncio.sleep(2)
    print('inner done:', inner.done(), 'outer cancelled:', outer.cancelled())
    del inner, outer

asyncio.run(main())
