# aiospec: description = asyncio.wait with FIRST_EXCEPTION: as soon as one replica check fails, the remaining checks are cancelled and awaited with gather(return_exceptions=True); notice which tasks finished, failed and were cancelled
# aiospec: python = 3.7-3.15
import asyncio


class ReplicaDown(Exception):
    pass


async def check_replica(name, delay, healthy=True):
    await asyncio.sleep(delay)
    if not healthy:
        raise ReplicaDown(f"{name} refused connection")
    return f"{name} healthy"


async def main():
    specs = [("db-1", 0.05, True), ("db-2", 0.09, False), ("db-3", 0.20, True), ("db-4", 0.30, True)]
    tasks = [asyncio.create_task(check_replica(*spec)) for spec in specs]
    label = {t: spec[0] for t, spec in zip(tasks, specs)}

    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    print(f"wait returned: {len(done)} done, {len(pending)} pending")
    for task in tasks:
        if task in done:
            exc = task.exception()
            if exc is None:
                print(f"  {label[task]}: {task.result()}")
            else:
                print(f"  {label[task]}: FAILED {type(exc).__name__}: {exc}")
    for task in tasks:
        if task in pending:
            task.cancel()
    outcomes = await asyncio.gather(*[t for t in tasks if t in pending], return_exceptions=True)
    print("cancelled checks:", [type(o).__name__ for o in outcomes])
    print("states:", ["cancelled" if t.cancelled() else "done" for t in tasks])


asyncio.run(main())
