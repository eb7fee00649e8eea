# aiospec: description = wait([b, a], FIRST_COMPLETED) where a ends after one sleep(0) and b after two: both are in done when the wait returns, each with result None.
# aiospec: rules = W2 W5
# aiospec: cites = test_tasks.py::BaseTaskTests::test_wait_really_done
import asyncio

loop = asyncio.new_event_loop()


async def coro1():
    await asyncio.sleep(0)


async def coro2():
    await asyncio.sleep(0)
    await asyncio.sleep(0)

a = loop.create_task(coro1())
b = loop.create_task(coro2())
task = loop.create_task(asyncio.wait([b, a], return_when=asyncio.FIRST_COMPLETED))
done, pending = loop.run_until_complete(task)
print('done == {a, b}', done == {a, b}, 'pending', pending)
print(a.done(), a.result(), b.done(), b.result())
loop.close()
