# aiospec: description = asyncio.run of something that is not a coroutine: ValueError 'a coroutine was expected' up to 3.13; from 3.14 Runner.run raises TypeError (after making its loop, as 3.11+ do: the shutdown tasks take Task-1 and Task-2).
# aiospec: python = 3.8-3.15
# aiospec: rules = X1
import asyncio


for arg in (1, None):
    try:
        asyncio.run(arg)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)


async def main():
    print(asyncio.current_task().get_name())
    try:
        asyncio.run(1)
    except (RuntimeError, TypeError, ValueError) as e:
        print("inside:", type(e).__name__, e)

asyncio.run(main())
