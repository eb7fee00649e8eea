# aiospec: description = A Condition guarding a list: consumers wait_for an item, the producer notifies one consumer per item and all of them at the end.
# aiospec: rules = K4
import asyncio

items = []
done = False


async def consumer(cond, name):
    got = []
    while True:
        async with cond:
            await cond.wait_for(lambda: items or done)
            if not items:
                break
            got.append(items.pop(0))
    print(name, 'got', got)


async def producer(cond):
    global done
    for i in range(5):
        await asyncio.sleep(0.25)
        async with cond:
            items.append(i)
            cond.notify()
    async with cond:
        done = True
        cond.notify_all()
        print('notified all', cond)


async def main():
    cond = asyncio.Condition()
    await asyncio.gather(consumer(cond, 'c1'), consumer(cond, 'c2'), producer(cond))
    try:
        cond.notify()
    except RuntimeError as e:
        print('RuntimeError:', e)

asyncio.run(main())
