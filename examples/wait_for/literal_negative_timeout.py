# aiospec: description = A literal negative timeout is a timeout already expired, as the same value through a variable (once refused at load time, issue 11); a literal bad return_when raises ValueError when wait is awaited.
# aiospec: rules = WF2 W8
import asyncio


async def work():
    await asyncio.sleep(1)
    return 'done'


async def main():
    try:
        await asyncio.wait_for(work(), -1)
    except asyncio.TimeoutError:
        print('timed out at once')
    t = asyncio.create_task(work())
    try:
        await asyncio.wait([t], return_when='SOMETIMES')
    except ValueError as e:
        print('caught', repr(e))
    print(await t)

asyncio.run(main())
