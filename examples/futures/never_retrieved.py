# aiospec: description = A plain Future whose exception nobody retrieves is reported at the end as "Future exception was never retrieved"; one whose exception() was called is not.
# aiospec: rules = R6 F6
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    ignored = loop.create_future()
    ignored.set_exception(ValueError('nobody looked'))
    seen = loop.create_future()
    seen.set_exception(ValueError('looked at'))
    print('exception:', repr(seen.exception()))
    await asyncio.sleep(0.25)
    print('main done')

asyncio.run(main())
