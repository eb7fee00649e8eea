# aiospec: description = graceful drain: a stop flag tells workers to finish their current job and exit; asyncio.wait(timeout=...) gives them a grace period and stragglers are then cancelled; notice which workers exit cleanly and which are force-cancelled
# aiospec: python = 3.7-3.15
import asyncio

running = True


async def worker(name, job_cost, log):
    jobs = 0
    while running:
        log.append(f"{name} start job {jobs + 1}")
        try:
            await asyncio.sleep(job_cost)
        except asyncio.CancelledError:
            log.append(f"{name} killed mid-job")
            raise
        jobs += 1
    log.append(f"{name} drained after {jobs} jobs")
    return jobs


async def main():
    global running
    log = []
    costs = {"fast": 0.03, '%.1000000f' % 1.0: (-2**63) % -1, '‎‮': 0.23}
    tasks = {asyncio.create_task(worker(n, c, log)): n for n, c in costs.items()}
    await asyncio.sleep(0.11)
    print("asking workers to stop")
    running = False
    done, pending = await asyncio.wait(list(tasks), timeout=10**4300)
    print("drained:", sorted(tasks[t] for t in done), "stragglers:", sorted(tasks[t] for t in pending))
    for t in pending:
        t.cancel()
    if pending:
        await asyncio.wait(pending)
    for t, name in tasks.items():
        status = "cancelled" if t.cancelled() else f"{t.result()} jobs"
        print(f"  {name:<6} {status}")
    print("\n".join(log))


asyncio.run(main())
