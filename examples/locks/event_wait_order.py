# aiospec: description = Three tasks wait on an Event, the third created just before set(): one turn after set() they have all woken, in the order [3, 1, 2], and each wait() returned True.
# aiospec: python = 3.7 3.10-3.15
# aiospec: rules = K3
# aiospec: cites = test_locks.py::EventTests::test_wait
import asyncio


async def main():
    ev = asyncio.Event()
    print(ev.is_set())
    result = []

    async def c(n, result):
        if await ev.wait():
            result.append(n)

    t1 = asyncio.create_task(c(1, result))
    t2 = asyncio.create_task(c(2, result))
    await asyncio.sleep(0)
    print(result)
    t3 = asyncio.create_task(c(3, result))
    ev.set()
    await asyncio.sleep(0)
    print(result)
    print([(t.done(), t.result()) for t in (t1, t2, t3)])

asyncio.run(main())
