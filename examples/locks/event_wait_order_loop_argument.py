# aiospec: description = Three tasks wait on an Event, the third created just before set(): one turn after set() they have all woken, in the order [3, 1, 2], and each wait() returned True; here each primitive is made with loop= the running loop, which 3.8 and 3.9 warn is deprecated.
# aiospec: python = 3.8-3.9
# aiospec: rules = K3 L8
# aiospec: cites = test_locks.py::EventTests::test_wait
import asyncio


async def main():
    ev = asyncio.Event(loop=asyncio.get_running_loop())
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
