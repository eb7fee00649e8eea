# aiospec: description = uncancel() and a cancellation requested before the task's first step: in 3.13, uncancel() bringing the count to 0 also withdraws the request (_must_cancel), so the task runs; in 3.11 and 3.12 the task is cancelled anyway. A count left above 0 keeps the request in every version.
# aiospec: python = 3.11-3.15
# aiospec: rules = T6
import asyncio


async def c(name):
    print(name, 'runs')
    return name

async def main():
    t1 = asyncio.create_task(c('t1'))
    print('t1 cancel', t1.cancel(), 'uncancel ->', t1.uncancel())
    t2 = asyncio.create_task(c('t2'))
    print('t2 cancel', t2.cancel(), t2.cancel(), 'uncancel ->', t2.uncancel())
    try:
        print('t1 ->', await t1)
    except asyncio.CancelledError:
        print('t1 cancelled')
    try:
        print('t2 ->', await t2)
    except asyncio.CancelledError:
        print('t2 cancelled')

asyncio.run(main())
