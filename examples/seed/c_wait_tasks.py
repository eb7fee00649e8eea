# aiospec: description = Seed (c), task-wrapped so that it runs on every version: wait() never raises, and the five exceptions are never retrieved.
# aiospec: rules = W1 W6 R6
import asyncio


async def a_flaky_tsk(i):
    await asyncio.sleep(i)
    if i % 2 == 0:
        print(i, "ok")
    else:
        print(i, "crashed!")
        raise ValueError

async def main():
    tasks = [asyncio.create_task(a_flaky_tsk(i)) for i in range(10)]
    await asyncio.wait(tasks)

asyncio.run(main())
