# aiospec: description = A Condition waiter is notified, then cancelled while the notifier still holds the lock, then the lock is released: the waiter re-acquires the lock (the Condition ends locked); here each primitive is made with loop= the running loop, which 3.8 and 3.9 warn is deprecated.
# aiospec: python = 3.8
# aiospec: rules = K3 K2 L8
# aiospec: cites = test_locks.py::ConditionTests::test_wait_cancel_contested
import asyncio


async def main():
    cond = asyncio.Condition(loop=asyncio.get_running_loop())
    await cond.acquire()
    print(cond.locked())
    wait_task = asyncio.create_task(cond.wait())
    await asyncio.sleep(0)
    print(cond.locked())
    await cond.acquire()
    print(cond.locked())
    cond.notify()
    asyncio.get_running_loop().call_soon(wait_task.cancel)
    asyncio.get_running_loop().call_soon(cond.release)
    try:
        await wait_task
        print('wait_task returned')
    except asyncio.CancelledError:
        print('wait_task CancelledError')
    print(cond.locked())

asyncio.run(main())
