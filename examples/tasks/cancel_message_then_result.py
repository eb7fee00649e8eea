# aiospec: description = A task cancelled with no argument, None, a message or 5, then wait()ed and its result() taken: the CancelledError that escapes carries the message on 3.11+ (on 3.9-3.10 only the innermost one of its __context__ chain does).
# aiospec: python = 3.9-3.15
# aiospec: rules = T9 X1
# aiospec: cites = test_tasks.py::BaseTaskTests::test_cancel_with_message_then_future_result
import asyncio


def get_innermost_context(exc):
    depth = 0
    while True:
        context = exc.__context__
        if context is None:
            break
        exc = context
        depth += 1
    return (type(exc).__name__, exc.args, depth)


for cancel_args in [(), (None,), ('my message',), (5,)]:
    loop = asyncio.new_event_loop()

    async def sleep():
        await asyncio.sleep(10)

    async def coro():
        task = loop.create_task(sleep())
        await asyncio.sleep(0)
        task.cancel(*cancel_args)
        done, pending = await asyncio.wait([task])
        task.result()

    task = loop.create_task(coro())
    try:
        loop.run_until_complete(task)
    except asyncio.CancelledError as exc:
        print(cancel_args, 'args', exc.args, 'innermost', get_innermost_context(exc))
    loop.close()
