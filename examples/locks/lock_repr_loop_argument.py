# aiospec: description = A Lock's repr is '<asyncio.locks.Lock object at 0x...' and ends with [unlocked], then [locked] once acquired; here the Lock is made with loop= the running loop, which 3.9 warns is deprecated.
# aiospec: python = 3.9
# aiospec: rules = K1 L8
# aiospec: cites = test_locks.py::LockTests::test_repr
import asyncio


def shape(r):
    head, _, rest = r.partition(' object at ')
    return head, rest[rest.index(' ['):]


async def main():
    lock = asyncio.Lock(loop=asyncio.get_running_loop())
    print(shape(repr(lock)))
    await lock.acquire()
    print(shape(repr(lock)))

asyncio.run(main())
