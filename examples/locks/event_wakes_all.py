# aiospec: description = Event.set() wakes every waiter, in the order they started waiting; wait() on a set event returns at once; clear() makes later waiters wait again.
# aiospec: rules = K2
import asyncio


async def waiter(ev, name):
    print(name, 'waiting', ev)
    await ev.wait()
    print(name, 'woke at', asyncio.get_running_loop().time())


async def main():
    ev = asyncio.Event()
    tasks = [asyncio.ensure_future(waiter(ev, n)) for n in 'abc']
    await asyncio.sleep(0.5)
    print(ev)
    ev.set()
    print('set:', ev.is_set(), ev)
    await asyncio.gather(*tasks)
    print('already set returns', await ev.wait())
    ev.clear()
    late = asyncio.ensure_future(waiter(ev, 'late'))
    await asyncio.sleep(0.25)
    ev.set()
    await late

asyncio.run(main())
