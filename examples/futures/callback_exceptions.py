# aiospec: description = Exceptions in callbacks (call_soon, call_later, a done callback) are logged at once as "Exception in callback ..." with the handle and events.py's frame, and the loop goes on.
# aiospec: rules = F7
import asyncio
def boom(x):
    raise ValueError(x)
async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(boom, 1)
    h = loop.call_later(0.5, boom, 'late')
    print(h)
    fut = loop.create_future()
    fut.add_done_callback(boom)
    loop.call_later(0.1, fut.set_result, 42)
    print(await fut)
    await asyncio.sleep(1)
asyncio.run(main())
