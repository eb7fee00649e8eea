# aiospec: description = run_until_complete inside the running loop raises 'This event loop is already running' (from _check_running, before its argument is wrapped in a task); the coroutine passed is never awaited.
# aiospec: rules = X8
import asyncio


async def c():
    return 1

async def main():
    loop = asyncio.get_running_loop()
    co = c()
    try:
        loop.run_until_complete(co)
    except RuntimeError as e:
        print(repr(e))
    co.close()
    loop.run_until_complete(c())

asyncio.run(main())
