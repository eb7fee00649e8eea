# aiospec: description = Which Task methods exist: get_name() from 3.8, cancelling() from 3.11; on older versions CPython raises AttributeError naming the C class '_asyncio.Task'.
# aiospec: rules = T9
import asyncio


async def work():
    return 1

async def main():
    t = asyncio.create_task(work(), name='w')
    try:
        print('name', t.get_name())
    except AttributeError as e:
        print(repr(e))
    try:
        print('cancelling', t.cancelling())
    except AttributeError as e:
        print(repr(e))
    try:
        print('uncancel', t.uncancel())
    except AttributeError as e:
        print(repr(e))
    try:
        print(t.nothing)
    except AttributeError as e:
        print(repr(e))
    e = ValueError('x', 2)
    print(e.args, str(e))
    await t

asyncio.run(main())
