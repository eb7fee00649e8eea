# aiospec: description = retry loop with exponential backoff (base * 2**attempt, capped) around a flaky coroutine that fails a fixed number of times; notice the growing sleeps and the total elapsed virtual time
# aiospec: python = 3.7-3.15
import asyncio
import time


class TransientError(Exception):
    pass


def make_flaky(name, failures):
    calls = 0

    async def operation():
        nonlocal calls
        calls += 1
        await asyncio.sleep(0.01)
        if calls <= failures:
            raise TransientError(f"{name} attempt {calls} failed")
        return f"{name} succeeded on call {calls}"

    return operation


async def retry(operation, *, attempts=5, base=0.01, cap=0.08):
    for attempt in range(attempts):
        try:
            return await operation()
        except TransientError as exc:
            if attempt == attempts - 1:
                raise
            delay = min(cap, base * 2 ** attempt)
            print(f"  {exc}; backing off {delay:.2f}s")
            await asyncio.sleep(delay)


async def main():
    start = time.monotonic()
    for name, failures in [("token", 0), ("profile", 2), ("avatar", 4)]:
        t0 = time.monotonic()
        result = await retry(make_flaky(name, failures))
        print(f"{result} after {time.monotonic() - t0:.2f}s")
    try:
        await retry(make_flaky("billing", 9), attempts=3)
    except TransientError as exc:
        print("gave up:", exc)
    print("total", round(time.monotonic() - start, 2))


asyncio.run(main())
