# aiospec: description = Seed (a): gather under asyncio.run. The first exception propagates out of main; asyncio.run then cancels the children still sleeping, so no other child prints.
# aiospec: rules = G2 X2
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
    await asyncio.gather(*coros)

asyncio.run(main())
