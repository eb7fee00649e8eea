# aiospec: description = named service tasks (create_task(name=...)) run until shutdown; each service logs its own name via current_task().get_name() in finally, main cancels the survivors by name and prints a report of finished/cancelled/failed tasks; 3.8+ for task names
# aiospec: python = 3.8-3.15
import asyncio


async def service(period, lifetime, crash=False):
    me = asyncio.current_task().get_name()
    ticks = 0
    try:
        while ticks * period < lifetime:
            await asyncio.sleep(period)
            ticks += 1
        if crash:
            raise RuntimeError(f"{me} lost its connection")
        return ticks
    finally:
        print(f"[{me}] exiting after {ticks} ticks")


async def main():
    specs = {"svc-http": (0.02, 1.0, False), "svc-cron": (0.035, 0.06, False),
             "svc-mail": (0.025, 0.05, True), "svc-stats": (0.045, 1.0, False)}
    tasks = [asyncio.create_task(service(*spec), name=name) for name, spec in specs.items()]
    await asyncio.sleep(0.13)
    survivors = [t for t in tasks if not t.done()]
    print("cancelling:", [t.get_name() for t in survivors])
    for t in survivors:
        t.cancel()
    outcomes = await asyncio.gather(*tasks, return_exceptions=True)
    for task, outcome in zip(tasks, outcomes):
        if task.cancelled():
            kind = "cancelled"
        elif isinstance(outcome, Exception):
            kind = f"failed ({outcome})"
        else:
            kind = f"finished ({outcome} ticks)"
        print(f"{task.get_name():<10} {kind}")


asyncio.run(main())
