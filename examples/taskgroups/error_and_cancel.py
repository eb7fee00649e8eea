# aiospec: description = A task whose TaskGroup child fails is also cancelled from outside at that moment: after the group's ExceptionGroup its cancelling() stays 1, so its next sleep is cancelled and the task ends cancelled (the test catches the group with except* RuntimeError, the port with except ExceptionGroup).
# aiospec: rules = TG1
# aiospec: python = 3.13-3.15
# aiospec: cites = test_taskgroups.py::TestTaskGroup::test_error_and_cancel
import asyncio


async def main():
    event = asyncio.Event()

    async def raise_error():
        event.set()
        await asyncio.sleep(0)
        raise RuntimeError()

    async def inner():
        try:
            async with asyncio.TaskGroup() as tg:
                tg.create_task(raise_error())
                await asyncio.sleep(1)
                print("Sleep in group should have been cancelled")
        except ExceptionGroup as eg:
            print(repr(eg), 'cancelling', asyncio.current_task().cancelling())
        print('cancelling', asyncio.current_task().cancelling())
        await asyncio.sleep(1)
        print("Sleep after group should have been cancelled")

    t = asyncio.create_task(inner())
    await event.wait()
    print('before cancel', t.cancelling())
    t.cancel()
    print('after cancel', t.cancelling())
    try:
        await t
    except asyncio.CancelledError:
        print('CancelledError', t.cancelled(), asyncio.get_running_loop().time())

asyncio.run(main())
