# aiospec: description = a shared time budget across sequential calls: each call gets wait_for(remaining budget) and the loop stops once the budget is spent; notice the second run cuts the download step short with the remaining budget, while for/else reports the run where every step finished
# aiospec: python = 3.7-3.15
import asyncio
import time

STEPS = [("resolve", 0.03), ("connect", 0.05), ("handshake", 0.04), ("download", 0.12), ("verify", 0.02)]


async def step(name, cost):
    await asyncio.sleep(cost)
    return name.upper()


async def run_with_budget(budget):
    start = time.monotonic()
    completed = []
    for index, (name, cost) in enumerate(STEPS):
        remaining = budget - (time.monotonic() - start)
        if remaining <= 0:
            print(f"budget exhausted before step {index} ({name})")
            break
        print(f"step {index}: {name:<10} remaining budget {remaining:.2f}s")
        try:
            completed.append(await asyncio.wait_for(step(name, cost), remaining))
        except asyncio.TimeoutError:
            print(f"step {index}: {name} did not finish in time")
            break
    else:
        print("all steps finished within budget")
    used = round(time.monotonic() - start, 2)
    return completed, used


async def main():
    for budget in (0.35, 0.2):
        done, used = await run_with_budget(budget)
        print(f"budget={budget}: completed {done} using {used}s")
        print("-" * 20)


asyncio.run(main())
