# aiospec: description = bpo-46672: gather() fails on a later argument after adding its callback to an earlier child; on 3.7 and 3.8 that callback reads `outer` before gather assigned it, and the loop logs the NameError as an exception in a callback. From 3.9 it retrieves the child quietly.
# aiospec: rules = G9
import asyncio


async def child():
    await asyncio.sleep(0.1)
    return "child done"


async def main():
    t = asyncio.create_task(child())
    try:
        asyncio.gather(t, 1)
    except TypeError as e:
        print("gather raised", repr(e))
    print(await t)
    await asyncio.sleep(0.1)
    print("main done")

asyncio.run(main())
