# aiospec: description = Seed (d), task-wrapped so that it runs on every version.
# aiospec: rules = W6 R2
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
    done, pending = await asyncio.wait(tasks)
    for tsk in done:
        try:
            await tsk
        except Exception as e:
            print("I caught:", repr(e))

asyncio.run(main())
