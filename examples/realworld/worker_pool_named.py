# aiospec: description = named worker tasks (create_task(name=...)) that read their own name with asyncio.current_task().get_name() while draining a shared list; the main task's default name is printed too; notice names in the log and per-name totals
# aiospec: python = 3.8-3.15
import asyncio


async def worker(jobs, done_log):
    me = asyncio.current_task().get_name()
    while True:
        try:
            item = jobs.pop(0)
        except IndexError:
            break
        await asyncio.sleep(0.01 * len(item))
        done_log.append((me, item))
    return me


async def main():
    print("main task is", asyncio.current_task().get_name())
    jobs = ["invoice", "pdf", "email", "sms", "archive", "log", "thumbnail"]
    done_log = []
    tasks = [asyncio.create_task(worker(jobs, done_log), name=f"worker-{i}") for i in range(3)]
    print("started:", [t.get_name() for t in tasks])
    finished = await asyncio.gather(*tasks)
    print("finished:", finished)
    for name, item in done_log:
        print(f"  {name} handled {item}")
    totals = {}
    for name, _ in done_log:
        totals[name] = totals.get(name, 0) + 1
    print("totals:", sorted(totals.items()))


asyncio.run(main())
