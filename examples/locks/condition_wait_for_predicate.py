# aiospec: description = Condition.wait_for(predicate): a notify while the predicate is false does not wake it for good; after the predicate turns true, the next notify makes it return True.
# aiospec: python = 3.7 3.9-3.15
# aiospec: rules = K3
# aiospec: cites = test_locks.py::ConditionTests::test_wait_for
import asyncio


async def main():
    cond = asyncio.Condition()
    presult = False

    def predicate():
        return presult

    result = []

    async def c1(result):
        await cond.acquire()
        if await cond.wait_for(predicate):
            result.append(1)
            cond.release()
        return True

    t = asyncio.create_task(c1(result))
    await asyncio.sleep(0)
    print(result)
    await cond.acquire()
    cond.notify()
    cond.release()
    await asyncio.sleep(0)
    print(result)
    presult = True
    await cond.acquire()
    cond.notify()
    cond.release()
    await asyncio.sleep(0)
    print(result, t.done(), t.result())

asyncio.run(main())
