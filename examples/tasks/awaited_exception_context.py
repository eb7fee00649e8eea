# aiospec: description = An exception thrown into a coroutine at an await (a task it awaits failed) takes, from 3.9, the exception being handled there as its __context__; a future already failed raises from inside the await, on every version.
# aiospec: rules = T6
import asyncio

async def boom():
    await asyncio.sleep(0.1)
    raise KeyError('k')

async def main():
    t = asyncio.create_task(boom())
    try:
        1/0
    except ZeroDivisionError:
        try:
            await t
        except KeyError as e:
            print('awaited task exc context:', repr(e.__context__))
    fut = asyncio.get_running_loop().create_future()
    fut.set_exception(ValueError('v'))
    try:
        raise OSError('os')
    except OSError:
        try:
            await fut
        except ValueError as e:
            print('awaited future exc context:', repr(e.__context__))

asyncio.run(main())
