# aiospec: description = Cancelling the task that awaits a gather of two tasks cancels the gather, both children and the Future they await; the gather then refuses cancel(), and nothing after the awaits runs.
# aiospec: rules = G6
# aiospec: cites = test_tasks.py::CoroutineGatherTests::test_cancellation_broadcast
import asyncio

proof = 0
loop = asyncio.new_event_loop()
waiter = loop.create_future()


async def inner():
    global proof
    await waiter
    proof += 1

child1 = asyncio.ensure_future(inner(), loop=loop)
child2 = asyncio.ensure_future(inner(), loop=loop)
gatherer = None


async def outer():
    global proof, gatherer
    gatherer = asyncio.gather(child1, child2)
    await gatherer
    proof += 100

f = asyncio.ensure_future(outer(), loop=loop)
loop.run_until_complete(asyncio.sleep(0))
print('f.cancel()', f.cancel())
try:
    loop.run_until_complete(f)
except asyncio.CancelledError:
    print('run_until_complete(f) raised CancelledError')
print('gatherer.cancel()', gatherer.cancel())
print('waiter cancelled', waiter.cancelled())
print('children cancelled', child1.cancelled(), child2.cancelled())
loop.run_until_complete(asyncio.sleep(0))
print('proof', proof)
loop.close()
