# aiospec: description = Seed (e): gather(return_exceptions=True) returns the exceptions in the result list: every child runs, and no report.
# aiospec: rules = G3 R3
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
    results = await asyncio.gather(*coros, return_exceptions=True)
    for result_or_exc in results:
        if isinstance(result_or_exc, Exception):
            print("I caught:", repr(result_or_exc))

asyncio.run(main())
