# aiospec: description = Condition.wait_for(predicate): a notify while the predicate is false does not wake it for good; after the predicate turns true, the next notify makes it return True; here each primitive is made with loop= the running loop, which 3.8 and 3.9 warn is deprecated.
# aiospec: python = 3.8
# aiospec: rules = K3 L8
# aiospec: cites = test_locks.py::ConditionTests::test_wait_for
import asyncio


async def main():
    cond = asyncio.Condition(loop=asyncio.get_running_loop())
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
