# aiospec: description = wait_for on an existing Task: on timeout the task is cancelled, its finally block runs, and task.cancelled() reports True; a second task finishes in time; notice what cancelled(), done() and result() report
# aiospec: python = 3.7-3.15
import asyncio


async def download(name, seconds, log):
    log.append(f"{name}: start")
    try:
        await asyncio.sleep(seconds)
        log.append(f"{name}: finished")
        return seconds * 1000
    finally:
        log.append(f"{name}: cleanup")


async def main():
    log = []
    fast = asyncio.ensure_future(download("fast", 0.05, log))
    slow = asyncio.ensure_future(download("slow", 0.40, log))
    for label, task in (("fast", fast), ("slow", slow)):
        try:
            value = await asyncio.wait_for(task, timeout=0.2)
            print(f"{label}: got {value:.0f} ms worth of data")
        except asyncio.TimeoutError:
            print(f"{label}: gave up waiting")
    for label, task in (("fast", fast), ("slow", slow)):
        print(f"{label}: done={task.done()} cancelled={task.cancelled()}")
        if not task.cancelled():
            print(f"  result = {task.result()!r}")
    print("log:")
    for i, line in enumerate(log, 1):
        print(f"  {i}. {line}")


asyncio.run(main())
