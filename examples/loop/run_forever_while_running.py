# aiospec: description = run_forever inside the running loop raises 'This event loop is already running'. (On 3.13 its failed setup still runs the cleanup, which marks the running loop stopped: the model refuses that version.)
# aiospec: rules = X8
# aiospec: python = 3.7-3.12, 3.14-3.15
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    try:
        loop.run_forever()
    except RuntimeError as e:
        print(repr(e))
    print(asyncio.get_running_loop() is loop)
    await asyncio.sleep(0)
    loop.run_forever()

asyncio.run(main())
