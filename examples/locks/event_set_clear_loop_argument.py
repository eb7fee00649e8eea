# aiospec: description = wait() on a set Event returns True at once; set() and clear() flip is_set(); here each primitive is made with loop= the running loop, which 3.8 and 3.9 warn is deprecated.
# aiospec: python = 3.8
# aiospec: rules = K3 L8
# aiospec: cites = test_locks.py::EventTests::test_wait_on_set test_locks.py::EventTests::test_clear
import asyncio


async def main():
    ev = asyncio.Event(loop=asyncio.get_running_loop())
    ev.set()
    print(await ev.wait())
    ev = asyncio.Event(loop=asyncio.get_running_loop())
    print(ev.is_set())
    ev.set()
    print(ev.is_set())
    ev.clear()
    print(ev.is_set())

asyncio.run(main())
