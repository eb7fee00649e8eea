# aiospec: description = A misspelt asyncio function is an AttributeError, in CPython's words (3.12 suggests the right name); a real attribute the model lacks would be refused instead.
# aiospec: rules = M1 M5
import asyncio


async def main():
    await asyncio.sleep(0.5)
    await asyncio.gathr(asyncio.sleep(1))

asyncio.run(main())
