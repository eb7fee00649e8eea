# aiospec: description = cancel() while the task runs its last step: 3.7 fails the task with CancelledError (an exception, not a cancellation); 3.8+ marks it cancelled.
# aiospec: rules = T5
import asyncio


async def selfcancel():
    print('cancel returns', asyncio.current_task().cancel())
    return 12

async def main():
    t = asyncio.create_task(selfcancel())
    try:
        print(await t)
    except asyncio.CancelledError as e:
        print('caught', repr(e))
    print('cancelled?', t.cancelled())
    print('cancel again returns', t.cancel())

asyncio.run(main())
