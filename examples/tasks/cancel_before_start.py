# aiospec: description = Cancelling a task before its first step: its coroutine never runs.
# aiospec: rules = T6
import asyncio


async def hello():
    print('never printed')

async def main():
    t = asyncio.create_task(hello())
    t.cancel()
    try:
        await t
    except asyncio.CancelledError as e:
        print('caught', repr(e))
    print(t.cancelled())

asyncio.run(main())
