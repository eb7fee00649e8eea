# aiospec: description = Cancelling a plain Future that a task awaits: the task sees CancelledError one turn later; cancelling the task instead cancels the future it waits on.
# aiospec: rules = T6 F6
import asyncio


async def waiter(fut, name):
    try:
        await fut
    except asyncio.CancelledError:
        print(name, 'cancelled; future cancelled:', fut.cancelled())
        raise


async def main():
    loop = asyncio.get_running_loop()
    f1 = loop.create_future()
    t1 = asyncio.ensure_future(waiter(f1, 'w1'))
    await asyncio.sleep(0)
    print('cancel future:', f1.cancel())
    await asyncio.sleep(0)
    print('t1 cancelled:', t1.cancelled())
    f2 = loop.create_future()
    t2 = asyncio.ensure_future(waiter(f2, 'w2'))
    await asyncio.sleep(0)
    print('cancel task:', t2.cancel())
    await asyncio.sleep(0)
    print('f2 cancelled:', f2.cancelled(), 't2 done:', t2.done())

asyncio.run(main())
