# aiospec: description = an async retry decorator built with functools.wraps that retries only selected exception types and counts attempts per function; notice a non-retryable ValueError is raised immediately while OSError is retried
# aiospec: python = 3.7-3.15
import asyncio
import functools

ATTEMPTS = {}


def retry(times=3, delay=0.02, retry_on=(OSError,)):
    def decorator(func):
        @functools.wraps(func)
        async def wrapper(*args, **kwargs):
            last = None
            for attempt in range(1, times + 1):
                ATTEMPTS[func.__name__] = attempt
                try:
                    return await func(*args, **kwargs)
                except retry_on as exc:
                    last = exc
                    print(f"{func.__name__}{args}: attempt {attempt} -> {exc!r}")
                    await asyncio.sleep(delay * attempt)
            raise last
        return wrapper
    return decorator


_counter = {"n": 0}


@retry(times=4)
async def read_sensor(sensor_id, scale=1.0):
    _counter["n"] += 1
    await asyncio.sleep(0.005)
    if _counter["n"] < 3:
        raise OSError(f"bus busy ({_counter['n']})")
    return round(21.5 * scale, 1)


@retry(times=4)
async def parse_reading(raw):
    await asyncio.sleep(0.005)
    return float(raw)


async def main():
    print("wrapped name:", read_sensor.__name__)
    value = await read_sensor(7, scale=2.0)
    print("sensor value:", value)
    try:
        await parse_reading("n/a")
    except ValueError as exc:
        print("not retried:", exc)
    for name, count in sorted(ATTEMPTS.items()):
        print(f"{name:>14}: {count} attempt(s)")


asyncio.run(main())
