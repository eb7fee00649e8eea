# aiospec: description = asyncio.timeout() cancels the task when it expires and turns that cancellation into TimeoutError as the block exits; expired() and the repr show the state before, during and after.
# aiospec: rules = TO1
# aiospec: python = 3.11-3.15
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    cm = asyncio.timeout(0.5)
    print(cm)
    try:
        async with cm:
            print(cm, cm.when())
            await asyncio.sleep(2)
    except TimeoutError as e:
        print('TimeoutError at', loop.time(), repr(e.__cause__), cm.expired())
    print(cm)
    async with asyncio.timeout(5) as fast:
        await asyncio.sleep(0.25)
    print(fast, fast.expired())

asyncio.run(main())
