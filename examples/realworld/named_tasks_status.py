# aiospec: description = a job table keyed by task name: tasks created with create_task(name=...) are monitored with wait(timeout) and reported with get_name(), done(), cancelled(), exception(); a stuck job is cancelled by name and set_name() renames a task; notice the status table
# aiospec: python = 3.8-3.15
import asyncio


async def job(kind, seconds):
    await asyncio.sleep(seconds)
    if kind == "broken":
        raise ArithmeticError("negative balance")
    return f"{kind} ok"


def status(task):
    if not task.done():
        return "running"
    if task.cancelled():
        return "cancelled"
    if task.exception() is not None:
        return f"failed: {task.exception()!r}"
    return f"result: {task.result()!r}"


async def main():
    specs = [("invoice", 0.02), ("broken", 0.03), ("stuck", 5.0), ("report", 0.06)]
    tasks = {}
    for kind, seconds in specs:
        task = asyncio.create_task(job(kind, seconds), name=f"job-{kind}")
        tasks[task.get_name()] = task
    unnamed = asyncio.create_task(job("cleanup", 0.01))
    print("default name pattern ok:", unnamed.get_name().startswith("Task-"))
    unnamed.set_name("job-cleanup")
    tasks[unnamed.get_name()] = unnamed
    await asyncio.wait(list(tasks.values()), timeout=0.1)
    tasks["job-stuck"].cancel()
    await asyncio.sleep(0)
    for name in sorted(tasks):
        print(f"{name:<12} {status(tasks[name])}")


asyncio.run(main())
