# aiospec: description = An empty wait raises ValueError.
# aiospec: rules = W8
import asyncio


async def main():
    try:
        await asyncio.wait([])
    except ValueError as e:
        print('caught', repr(e))

asyncio.run(main())
