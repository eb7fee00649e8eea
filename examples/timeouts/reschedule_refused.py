# aiospec: description = reschedule() is refused with RuntimeError outside the active state: after the block finished ('finished'), after it expired ('expired'), while it is expiring (the CancelledError caught inside the block: 'expiring'), and before it is entered ('has not been entered').
# aiospec: rules = TO1
# aiospec: python = 3.11-3.15
# aiospec: cites = test_timeouts.py::TimeoutTests::test_timeout_finished test_timeouts.py::TimeoutTests::test_timeout_expired test_timeouts.py::TimeoutTests::test_timeout_expiring test_timeouts.py::TimeoutTests::test_timeout_not_entered
import asyncio


async def main():
    async with asyncio.timeout(0.01) as cm:
        pass
    try:
        cm.reschedule(0.02)
    except RuntimeError as e:
        print('finished:', e)
    try:
        async with asyncio.timeout(0.01) as cm:
            await asyncio.sleep(1)
    except TimeoutError:
        pass
    try:
        cm.reschedule(0.02)
    except RuntimeError as e:
        print('expired:', e)
    async with asyncio.timeout(0.01) as cm:
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            print('CancelledError inside')
        try:
            cm.reschedule(0.02)
        except RuntimeError as e:
            print('expiring:', e)
    print('block left normally')
    cm = asyncio.timeout(0.01)
    try:
        cm.reschedule(0.02)
    except RuntimeError as e:
        print('not entered:', e)

asyncio.run(main())
