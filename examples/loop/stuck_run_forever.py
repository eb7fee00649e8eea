# aiospec: description = run_forever with nothing left to run: real CPython would block forever; the model and the oracle stop and say so.
# aiospec: rules = L5 X6
import asyncio


async def main():
    print('hello')

loop = asyncio.new_event_loop()
loop.create_task(main())
loop.run_forever()
loop.close()
