# aiospec: description = wait() on a set Event returns True at once; set() and clear() flip is_set().
# aiospec: python = 3.7 3.9-3.15
# aiospec: rules = K3
# aiospec: cites = test_locks.py::EventTests::test_wait_on_set test_locks.py::EventTests::test_clear
import asyncio


async def main():
    ev = asyncio.Event()
    ev.set()
    print(await ev.wait())
    ev = asyncio.Event()
    print(ev.is_set())
    ev.set()
    print(ev.is_set())
    ev.clear()
    print(ev.is_set())

asyncio.run(main())
