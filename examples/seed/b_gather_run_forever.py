# aiospec: description = Seed (b): the same gather under loop.run_forever(). The gather is done at t=1, but its siblings keep running; main's exception is never retrieved.
# aiospec: rules = G2 G4 R6
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

loop = asyncio.new_event_loop()
loop.create_task(main())
loop.run_forever()
loop.close()
