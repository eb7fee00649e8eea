# aiospec: description = workers pull jobs from a shared list and isolate failures with try/except/else/finally so one bad job does not stop the pool; notice the failure report and the finally counter covering every job
# aiospec: python = 3.7-3.15
import asyncio


class JobError(Exception):
    def __init__(self, job, reason):
        super().__init__(f"job {job!r} failed: {reason}")
        self.job = job


async def run_job(name, cost):
    await asyncio.sleep(cost)
    if name.startswith("bad"):
        raise JobError(name, "corrupt input")
    if name == "divide":
        return 10 / 0
    return name[::-1]


async def worker(wid, jobs, report):
    while jobs:
        job, cost = jobs.pop(0)
        try:
            out = await run_job(job, cost)
        except JobError as exc:
            report["failed"].append(str(exc))
        except ArithmeticError as exc:
            report["failed"].append(f"job {job!r} crashed: {type(exc).__name__}")
        else:
            report["ok"].append((job, out, wid))
        finally:
            report["seen"] += 1


async def main():
    jobs = [("alpha", 0.03), ("bad-1", 0.02), ("gamma", 0.05), ("divide", 0.01),
            ("delta", 0.04), ("bad-22", 0.02), ("omega", 0.03)]
    total = len(jobs)
    report = {"ok": [], "failed": [], "seen": 0}
    await asyncio.gather(*(worker(i, jobs, report) for i in range(1, 3)))
    print(f"processed {report['seen']}/{total}")
    for job, out, wid in report["ok"]:
        print(f"  ok   {job:<6} -> {out:<6} by worker {wid}")
    for line in report["failed"]:
        print("  FAIL", line)
    rate = 100.0 * len(report["ok"]) / total
    print("success rate: %.1f%%" % rate)


asyncio.run(main())
