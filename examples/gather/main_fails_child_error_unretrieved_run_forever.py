# aiospec: description = Under run_forever: main fails through gather and nobody retrieves main's exception.
# aiospec: rules = G2 R6 X6
import asyncio


async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def fail(name, d):
    await asyncio.sleep(d)
    print(name, 'raising at', d)
    raise ValueError(name)

async def main():
    await asyncio.gather(fail('a', 0.25), work('b', 0.5))

loop = asyncio.new_event_loop()
loop.create_task(main())
loop.run_forever()
loop.close()
