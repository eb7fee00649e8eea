# aiospec: description = gather() with an argument that is not awaitable raises TypeError at the call.
# aiospec: rules = G9
import asyncio


async def main():
    try:
        asyncio.gather(1)
    except TypeError as e:
        print('caught', repr(e))

asyncio.run(main())
