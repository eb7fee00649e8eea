# aiospec: description = A Condition waiter that is notified and then cancelled while re-acquiring the lock ends cancelled once the lock is released (bpo-32841); here each primitive is made with loop= the running loop, which 3.8 and 3.9 warn is deprecated.
# aiospec: python = 3.8-3.9
# aiospec: rules = K3 K2 L8
# aiospec: cites = test_locks.py::ConditionTests::test_wait_cancel_after_notify
import asyncio


async def main():
    waited = False
    cond = asyncio.Condition(loop=asyncio.get_running_loop())

    async def wait_on_cond():
        nonlocal waited
        async with cond:
            waited = True
            await cond.wait()

    waiter = asyncio.create_task(wait_on_cond())
    await asyncio.sleep(0)
    await cond.acquire()
    cond.notify()
    await asyncio.sleep(0)
    waiter.cancel()
    await asyncio.sleep(0)
    cond.release()
    await asyncio.sleep(0)
    print('cancelled', waiter.cancelled(), 'waited', waited)

asyncio.run(main())
