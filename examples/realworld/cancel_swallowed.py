# aiospec: description = a task that swallows CancelledError and returns a partial result instead of re-raising; gather(return_exceptions=True) therefore sees a normal value and task.cancelled() is False for it; compare with a well-behaved task that re-raises
# aiospec: python = 3.7-3.15
import asyncio


async def stubborn_export(rows):
    exported = []
    try:
        for row in rows:
            await asyncio.sleep(0.02)
            exported.append(row)
    except asyncio.CancelledError:
        print(f"stubborn: cancelled after {len(exported)} rows, returning partial export")
        return {"partial": True, "rows": exported}
    return {"partial": False, "rows": exported}


async def polite_export(rows):
    exported = []
    try:
        for row in rows:
            await asyncio.sleep(0.02)
            exported.append(row)
    except asyncio.CancelledError:
        print(f"polite: cancelled after {len(exported)} rows, re-raising")
        raise
    return {"partial": False, "rows": exported}


async def main():
    rows = list("ABCDEFGH")
    stubborn = asyncio.create_task(stubborn_export(rows))
    polite = asyncio.create_task(polite_export(rows))
    await asyncio.sleep(0.07)
    stubborn.cancel()
    polite.cancel()
    results = await asyncio.gather(stubborn, polite, return_exceptions=True)
    for name, task, res in zip(("stubborn", "polite"), (stubborn, polite), results):
        print(f"{name}: cancelled()={task.cancelled()} result={res!r}")


asyncio.run(main())
