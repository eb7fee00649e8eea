# aiospec: description = Errors for bad arguments and bad indexes, word for word: create_task() names its missing argument; ensure_future() takes no name= (create_task does, 3.8+); each rejects a non-coroutine in its own words; list and tuple indexes out of range (negative ones count from the end) raise IndexError.
# aiospec: rules = T1
import asyncio


async def c():
    return 1

async def main():
    try:
        asyncio.create_task()
    except TypeError as e:
        print('create_task:', e)
    try:
        asyncio.ensure_future(c(), name='x')
    except TypeError as e:
        print('ensure_future:', e)
    try:
        asyncio.create_task(1)
    except TypeError as e:
        print('create_task(1):', e)
    try:
        asyncio.ensure_future(1)
    except TypeError as e:
        print('ensure_future(1):', e)
    xs = [1, 2]
    print(xs[-1], xs[-2], xs[1])
    try:
        print(xs[2])
    except IndexError as e:
        print('xs[2]:', e)
    try:
        print(xs[-3])
    except IndexError as e:
        print('xs[-3]:', e)
    try:
        print((1,)[1])
    except IndexError as e:
        print('(1,)[1]:', e)

asyncio.run(main())
