# aiospec: description = set_result and set_exception on a done future raise InvalidStateError (the C Future says only "invalid state"; the Python one names the state and the future); a Task refuses both; an exception class is instantiated; StopIteration cannot be set (TypeError up to 3.12; from 3.13 it becomes a RuntimeError caused by it).
# aiospec: rules = F6
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.set_result(1)
    for attempt in (lambda: fut.set_result(2), lambda: fut.set_exception(ValueError('late'))):
        try:
            attempt()
        except asyncio.InvalidStateError as e:
            print('InvalidStateError:', e)
    try:
        asyncio.current_task().set_result(0)
    except RuntimeError as e:
        print('RuntimeError:', e)
    other = loop.create_future()
    other.set_exception(KeyError)
    try:
        await other
    except KeyError as e:
        print('awaited', repr(e))
    stop = loop.create_future()
    try:
        stop.set_exception(StopIteration('x'))
    except TypeError as e:
        print('TypeError:', e)
    else:
        e = stop.exception()
        print('set', repr(e), 'caused by', repr(e.__cause__))

asyncio.run(main())
