# aiospec: description = Two consumers wait on a Condition; one is notified and cancelled at the same time (before it runs, or while re-acquiring the lock): the wakeup passes to the other consumer, which consumes the item.
# aiospec: python = 3.13-3.15
# aiospec: rules = K3 K2
# aiospec: cites = test_locks.py::ConditionTests::test_cancelled_wakeup test_locks.py::ConditionTests::test_cancelled_wakeup_relock
import asyncio


async def check(label, relock):
    condition = asyncio.Condition()
    state = 0

    async def consumer():
        nonlocal state
        async with condition:
            while True:
                await condition.wait_for(lambda: state != 0)
                if state < 0:
                    return
                state -= 1

    c = [asyncio.create_task(consumer()) for _ in range(2)]
    await asyncio.sleep(0)
    async with condition:
        state += 1
        condition.notify(1)
        if relock:
            await asyncio.sleep(0)
        c[0].cancel()
        try:
            async with asyncio.timeout(0.01):
                await condition.wait_for(lambda: state == 0)
        except TimeoutError:
            print(label, 'timed out')
        print(label, 'state', state)
        state = -1
        condition.notify_all()
    await c[1]
    print(label, 'c0 cancelled', c[0].cancelled(), 'c1 done', c[1].done())


async def main():
    await check('wakeup', False)
    await check('relock', True)

asyncio.run(main())
