# aiospec: description = Seed (d): wait(), then awaiting each done task re-raises its exception, which retrieves it: no report.
# aiospec: python = 3.7 3.8 3.9 3.10
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
    coros = [a_flaky_tsk(i) for i in range(10)]
    done, pending = await asyncio.wait(coros)
    for tsk in done:
        try:
            await tsk
        except Exception as e:
            print("I caught:", repr(e))

asyncio.run(main())
