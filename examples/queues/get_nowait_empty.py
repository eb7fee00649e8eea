# aiospec: description = get_nowait on an empty Queue raises QueueEmpty, put_nowait on a full one QueueFull; uncaught, the traceback shows queues.py's frame.
# aiospec: rules = Q1
import asyncio


async def main():
    q = asyncio.Queue(1)
    q.put_nowait('x')
    try:
        q.put_nowait('y')
    except asyncio.QueueFull as e:
        print('QueueFull', repr(e))
    print(q.get_nowait())
    q.get_nowait()

asyncio.run(main())
