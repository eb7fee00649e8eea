# aiospec: description = Three tasks wait on a held Lock; one callback cancels the first waiter and releases the lock: only one task takes it (the second), the first is cancelled (bpo-32734).
# aiospec: python = 3.10-3.15
# aiospec: rules = K1 K2
# aiospec: cites = test_locks.py::LockTests::test_cancel_release_race
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    lock = asyncio.Lock()
    lock_count = 0
    call_count = 0

    async def lockit():
        nonlocal lock_count, call_count
        call_count += 1
        await lock.acquire()
        lock_count += 1

    def trigger():
        t1.cancel()
        lock.release()

    await lock.acquire()
    t1 = asyncio.create_task(lockit())
    t2 = asyncio.create_task(lockit())
    t3 = asyncio.create_task(lockit())
    await asyncio.sleep(0)
    loop.call_soon(trigger)
    try:
        await t1
    except asyncio.CancelledError:
        print('t1 CancelledError')
    print('lock_count', lock_count, 'call_count', call_count)
    print('t1 cancelled', t1.cancelled(), 't2 done', t2.done())
    t3.cancel()
    await asyncio.sleep(0)
    print('t3 cancelled', t3.cancelled())

asyncio.run(main())
