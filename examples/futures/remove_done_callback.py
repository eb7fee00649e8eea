# aiospec: description = remove_done_callback removes every registration of the callable and returns how many; a callback added to a done future is scheduled at once; a future's repr lists its callbacks.
# aiospec: rules = F2 F6
import asyncio


def first(fut):
    print('first', fut.result())


def second(fut):
    print('second', fut.result())


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(first)
    fut.add_done_callback(second)
    fut.add_done_callback(first)
    print(fut)
    print('removed', fut.remove_done_callback(first))
    print('removed', fut.remove_done_callback(first))
    fut.set_result(7)
    print(fut)
    await asyncio.sleep(0)
    fut.add_done_callback(first)
    print('added after done')
    await asyncio.sleep(0)

asyncio.run(main())
