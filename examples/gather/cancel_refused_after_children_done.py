# aiospec: description = A task wrapping a gather whose only child is done: cancel() from the child's Future's done callback returns False, and the task finishes with [42] (bpo-26923).
# aiospec: rules = G6
# aiospec: cites = test_tasks.py::BaseTaskTests::test_cancel_gather_1
import asyncio

loop = asyncio.new_event_loop()
fut = loop.create_future()


async def create():
    async def child_coro():
        return await fut
    gather_future = asyncio.gather(child_coro())
    return asyncio.ensure_future(gather_future)

gather_task = loop.run_until_complete(create())
cancel_result = None


def cancelling_callback(_):
    global cancel_result
    cancel_result = gather_task.cancel()

fut.add_done_callback(cancelling_callback)
fut.set_result(42)
loop.run_until_complete(gather_task)
print('cancel_result', cancel_result)
print('cancelled', gather_task.cancelled(), 'result', gather_task.result())
loop.close()
