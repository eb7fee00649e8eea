# aiospec: description = A task that loops on gather(sleep(0.05), return_exceptions=True, loop=loop) (deprecated: a DeprecationWarning each time) is cancelled with no argument, None, a message or 5: the CancelledError reaches run_until_complete; its args and those of the innermost exception of its __context__ chain, and that chain's length, per version.
# aiospec: python = 3.9
# aiospec: rules = G6 X1
# aiospec: cites = test_tasks.py::BaseTaskTests::test_cancel_gather_2
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

    async def test():
        time = 0
        while True:
            time += 0.05
            await asyncio.gather(asyncio.sleep(0.05), return_exceptions=True, loop=loop)
            if time > 1:
                return

    async def main():
        qwe = loop.create_task(test())
        await asyncio.sleep(0.2)
        qwe.cancel(*cancel_args)
        await qwe

    try:
        loop.run_until_complete(main())
    except asyncio.CancelledError as exc:
        print(cancel_args, 'args', exc.args, 'innermost', get_innermost_context(exc))
    else:
        print(cancel_args, 'gather() does not propagate CancelledError')
    loop.close()
