# aiospec: description = Awaiting each done task in set order: the order of the catches is the set's (nondeterministic) order.
# aiospec: rules = W6 L6
import asyncio


async def fail(name, d):
    await asyncio.sleep(d)
    print(name, 'raising at', d)
    raise ValueError(name)

async def main():
    ts = [asyncio.create_task(fail('a', 0.25)), asyncio.create_task(fail('b', 0.5))]
    done, pending = await asyncio.wait(ts)
    for t in done:
        try:
            await t
        except Exception as e:
            print('caught', repr(e))

asyncio.run(main())
