# aiospec: description = Timeout.reschedule moves the deadline of an entered timeout (None means never); timeout_at takes an absolute loop time; rescheduling an unentered or finished Timeout is a RuntimeError.
# aiospec: rules = TO1
# aiospec: python = 3.11-3.15
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout_at(loop.time() + 0.5) as cm:
            await asyncio.sleep(0.25)
            cm.reschedule(loop.time() + 1)
            print('rescheduled to', cm.when())
            await asyncio.sleep(0.5)
            cm.reschedule(None)
            await asyncio.sleep(2)
            print('no deadline any more, at', loop.time())
    except TimeoutError:
        print('unexpected')
    for t in (asyncio.timeout(1), cm):
        try:
            t.reschedule(3)
        except RuntimeError as e:
            print('RuntimeError:', e)

asyncio.run(main())
