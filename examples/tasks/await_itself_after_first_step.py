# aiospec: description = A task that awaits itself gets RuntimeError('Task cannot await on itself') thrown in at its next step; its _asyncio_future_blocking flag stays set, so once that first step has run, another task's await of it fails at once on the C Future's iterator ('await wasn't used with future', and the task's own error is never retrieved), while the Python Future.__await__ yields it and the awaiter gets the task's RuntimeError.
# aiospec: rules = T2
# aiospec: python = 3.7-3.15
import asyncio
async def selfish():
    await asyncio.current_task()
async def main():
    s = asyncio.create_task(selfish())
    await asyncio.sleep(0)
    try:
        await s
    except RuntimeError as e:
        print('selfish', str(e)[:40])
asyncio.run(main())
