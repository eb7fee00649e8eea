# aiospec: description = a report job wraps its slow database query in asyncio.wait_for and does not catch the timeout; TimeoutError escapes asyncio.run, so the expected output ends with a traceback whose shape (and chained CancelledError) depends on the Python version
# aiospec: python = 3.7-3.15
import asyncio
import time


async def run_query(sql, seconds):
    print(f"running: {sql}")
    await asyncio.sleep(seconds)
    return [("row", i) for i in range(3)]


async def build_report(name, *, timeout):
    start = time.monotonic()
    fast = await asyncio.wait_for(run_query("SELECT count(*) FROM visits", 0.02), timeout)
    print(f"{name}: first query ok ({len(fast)} rows) after {time.monotonic() - start:.2f}s")
    slow = await asyncio.wait_for(run_query("SELECT * FROM visits JOIN pages", 0.5), timeout)
    print("never printed", slow)


async def main():
    await build_report("daily-visits", timeout=0.1)


asyncio.run(main())
