# aiospec: description = A plain Future completed from a timer callback: the awaiting task wakes one turn after set_result, and callbacks added with add_done_callback run in the order they were added.
# aiospec: rules = F2 F6
import asyncio


def report(fut):
    print('callback sees', fut.result(), 'at', asyncio.get_running_loop().time())


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(report)
    fut.add_done_callback(lambda f: print('second callback'))
    loop.call_later(0.5, fut.set_result, 'ready')
    print('waiting on', fut)
    value = await fut
    print('awaited', value, fut)

asyncio.run(main())
