# aiospec: description = A task left pending when run_until_complete returns (wait() timed out on it) is reported "Task was destroyed but it is pending!" when the loop is dropped; 3.11's C Task shows its coroutine "running at" its await line, the model "done, defined at" (the order in which the cycle collector finalises the task and its coroutine).
# aiospec: python = 3.7-3.15
import asyncio


async def boom():
    await asyncio.sleep(0)
    raise ValueError('boom')


async def pending():
    await asyncio.sleep(10)


async def main():
    loop = asyncio.get_running_loop()
    t = loop.create_task(boom())
    t2 = loop.create_task(pending())
    await asyncio.sleep(0.1)
    print(t.done(), t in asyncio.all_tasks(), t2 in asyncio.all_tasks())
    done, pend = await asyncio.wait([t, t2], timeout=0.1)
    print(len(done), len(pend))

loop = asyncio.new_event_loop()
loop.run_until_complete(main())
loop.close()
