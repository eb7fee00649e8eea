# aiospec: description = Seed (c): wait() over bare coroutines runs every child to the end; nobody retrieves the five exceptions. Coroutines are rejected by wait() from 3.11 (see c_wait_tasks).
# aiospec: python = 3.7 3.8 3.9 3.10
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
    coros = [a_flaky_tsk(i) for i in range(10)]
    await asyncio.wait(coros)

asyncio.run(main())
