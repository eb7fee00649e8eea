# aiospec: description = a background heartbeat task crashes with ZeroDivisionError while main keeps working and never checks on it; the failed task stays unretrieved and CPython reports "Task exception was never retrieved" when it is collected; notice main's output is unaffected
# aiospec: python = 3.7-3.15
import asyncio


async def heartbeat(readings):
    for tick in range(1, 10):
        await asyncio.sleep(0.035)
        samples = [r for r in readings if r > 0]
        avg = sum(samples) / len(samples)
        print(f"heartbeat {tick}: avg load {avg:.2f}")


async def main():
    readings = [0.5, 0.7]
    monitor = asyncio.create_task(heartbeat(readings))
    for step in range(5):
        await asyncio.sleep(0.025)
        if step == 2:
            readings.clear()
            print("step 2: readings reset")
        print(f"main step {step} done")
    print("monitor done?", monitor.done())
    print("exiting without looking at the monitor")


asyncio.run(main())
