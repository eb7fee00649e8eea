# aiospec: description = A Semaphore waiter cancelled after release() chose it but before it ran: up to 3.9 the slot is counted free again as the cancellation runs; from 3.10 it went to the chosen waiter, which hands it on to the next one.
# aiospec: rules = K3
import asyncio


async def use(sem, name, hold):
    try:
        async with sem:
            print(name, 'acquired at', asyncio.get_running_loop().time(), sem)
            await asyncio.sleep(hold)
    except asyncio.CancelledError:
        print(name, 'cancelled;', sem)


async def cancel_later(task, delay):
    await asyncio.sleep(delay)
    print('cancelling', task.get_name() if hasattr(task, 'get_name') else 'a')
    task.cancel()


async def main():
    sem = asyncio.Semaphore(1)
    first = asyncio.ensure_future(use(sem, 'first', 0.5))
    await asyncio.sleep(0)
    a = asyncio.ensure_future(use(sem, 'a', 0.5))
    b = asyncio.ensure_future(use(sem, 'b', 0.5))
    await asyncio.sleep(0)
    canceller = asyncio.ensure_future(cancel_later(a, 0.5))
    await asyncio.gather(first, a, b, canceller)
    print('after', sem)

asyncio.run(main())
