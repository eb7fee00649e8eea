# aiospec: description = hedged request: ask the primary, and if it has not answered within 50 ms also ask a backup; take whichever answers first with wait(FIRST_COMPLETED) and cancel the loser; notice the loser's cancellation message and which mirror won each round
# aiospec: python = 3.7-3.15
import asyncio
import time


async def query(mirror, latency, key):
    try:
        await asyncio.sleep(latency)
    except asyncio.CancelledError:
        print(f"    {mirror}: request for {key!r} abandoned")
        raise
    return f"{key}@{mirror}"


async def hedged_get(key, primary_latency, backup_latency, hedge_after=0.05):
    primary = asyncio.create_task(query("primary", primary_latency, key))
    done, _ = await asyncio.wait([primary], timeout=hedge_after)
    if done:
        return primary.result()
    print(f"    primary slow for {key!r}, hedging")
    backup = asyncio.create_task(query("backup", backup_latency, key))
    done, pending = await asyncio.wait([primary, backup], return_when=asyncio.FIRST_COMPLETED)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    winner = primary if primary in done else backup
    return winner.result()


async def main():
    cases = [("user:1", 0.02, 0.03), ("user:2", 0.20, 0.04), ("user:3", 0.08, 0.15)]
    for key, p, b in cases:
        start = time.monotonic()
        value = await hedged_get(key, p, b)
        print(f"{key}: {value} in {time.monotonic() - start:.2f}s")


asyncio.run(main())
