# aiospec: description = Two children of a gather both raise, one turn apart: the task awaiting the gather fails with the first RuntimeError, and the second is retrieved by gather (no 'exception was never retrieved').
# aiospec: rules = G4 R3
# aiospec: cites = test_tasks.py::CoroutineGatherTests::test_exception_marking
import asyncio

loop = asyncio.new_event_loop()


async def inner(f):
    await f
    raise RuntimeError('should not be ignored')

a = loop.create_future()
b = loop.create_future()


async def outer():
    await asyncio.gather(inner(a), inner(b))


def run_briefly():
    loop.run_until_complete(asyncio.sleep(0))

f = loop.create_task(outer())
run_briefly()
a.set_result(None)
run_briefly()
b.set_result(None)
run_briefly()
print(type(f.exception()).__name__, f.exception())
loop.close()
