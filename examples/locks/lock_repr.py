# aiospec: description = A Lock's repr is '<asyncio.locks.Lock object at 0x...' and ends with [unlocked], then [locked] once acquired.
# aiospec: python = 3.10-3.15
# aiospec: rules = K1
# aiospec: cites = test_locks.py::LockTests::test_repr
import asyncio


def shape(r):
    head, _, rest = r.partition(' object at ')
    return head, rest[rest.index(' ['):]


async def main():
    lock = asyncio.Lock()
    print(shape(repr(lock)))
    await lock.acquire()
    print(shape(repr(lock)))

asyncio.run(main())
