# aiospec: description = Three tasks acquire a held Lock: each release() lets exactly the next waiter in FIFO order take it, one turn later; each acquire() returns True; here each primitive is made with loop= the running loop, which 3.8 and 3.9 warn is deprecated.
# aiospec: python = 3.8
# aiospec: rules = K1 L8
# aiospec: cites = test_locks.py::LockTests::test_acquire
import asyncio


async def main():
    lock = asyncio.Lock(loop=asyncio.get_running_loop())
    result = []
    print(await lock.acquire())

    async def c(n, result):
        if await lock.acquire():
            result.append(n)
        return True

    t1 = asyncio.create_task(c(1, result))
    t2 = asyncio.create_task(c(2, result))
    await asyncio.sleep(0)
    print(result)
    lock.release()
    await asyncio.sleep(0)
    print(result)
    await asyncio.sleep(0)
    print(result)
    t3 = asyncio.create_task(c(3, result))
    lock.release()
    await asyncio.sleep(0)
    print(result)
    lock.release()
    await asyncio.sleep(0)
    print(result)
    print([(t.done(), t.result()) for t in (t1, t2, t3)])

asyncio.run(main())
