# aiospec: description = Calling result() or exception() on the done tasks retrieves their exceptions.
# aiospec: rules = W6 R2 R3
import asyncio


async def fail(name, d):
    await asyncio.sleep(d)
    print(name, 'raising at', d)
    raise ValueError(name)

async def main():
    ts = [asyncio.create_task(fail('a', 0.25)), asyncio.create_task(fail('b', 0.5))]
    done, pending = await asyncio.wait(ts)
    print(repr(ts[0].exception()))
    try:
        ts[1].result()
    except Exception as e:
        print('caught', repr(e))

asyncio.run(main())
