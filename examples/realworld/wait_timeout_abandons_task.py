# aiospec: description = health checks run with asyncio.wait(timeout=...); the slow check is simply abandoned (not cancelled) and later fails on its own, so nobody retrieves its exception and CPython reports it; notice that wait() itself never raised
# aiospec: python = 3.7-3.15
import asyncio


async def check(name, delay, healthy=True):
    await asyncio.sleep(delay)
    if not healthy:
        raise RuntimeError(f"{name} check failed: disk 98% full")
    return f"{name}: healthy"


async def main():
    checks = {
        "api": asyncio.create_task(check("api", 0.01)),
        "db": asyncio.create_task(check("db", 0.03)),
        "storage": asyncio.create_task(check("storage", 0.12, healthy=False)),
    }
    done, pending = await asyncio.wait(list(checks.values()), timeout=0.06)
    for name, task in checks.items():
        if task in done:
            print(task.result())
        else:
            print(f"{name}: no answer within 0.06s, skipping")
    print(f"{len(pending)} check(s) abandoned")
    await asyncio.sleep(0.1)
    print("status page rendered")


asyncio.run(main())
