# aiospec: description = Cancelling the task that awaits wait([coroutine]) makes it raise CancelledError at once; the task wait made of the coroutine keeps running and finishes when its Future is set.
# aiospec: python = 3.7-3.10
# aiospec: rules = W13
# aiospec: cites = test_tasks.py::BaseTaskTests::test_yield_wait_does_not_shield_cancel
import asyncio

proof = 0
loop = asyncio.new_event_loop()
waiter = loop.create_future()


async def inner():
    global proof
    await waiter
    proof += 1


async def outer():
    global proof
    d, p = await asyncio.wait([inner()])
    proof += 100

f = loop.create_task(outer())
loop.run_until_complete(asyncio.sleep(0))
f.cancel()
try:
    loop.run_until_complete(f)
except asyncio.CancelledError:
    print('CancelledError')
waiter.set_result(None)
loop.run_until_complete(asyncio.sleep(0))
print('proof', proof)
loop.close()
