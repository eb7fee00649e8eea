# aiospec: description = startup sequence loads config sections concurrently with gather; a missing key raises KeyError deep in a helper, gather propagates the first error and nothing catches it, so the traceback escapes asyncio.run; notice the sections that still printed before the crash
# aiospec: python = 3.7-3.15
import asyncio

RAW_CONFIG = {
    "database": {"host": "db.local", "port": 5432},
    "cache": {"host": "redis.local"},
    "http": {"port": 8080, "workers": 4},
}
DEFAULTS = {"workers": 1}


def require(section, key):
    values = RAW_CONFIG[section]
    if key in values:
        return values[key]
    if key in DEFAULTS:
        return DEFAULTS[key]
    raise KeyError(f"{section}.{key}")


async def load_section(section, keys, delay):
    await asyncio.sleep(delay)
    loaded = {k: require(section, k) for k in keys}
    print(f"loaded [{section}] {loaded}")
    return loaded


async def main():
    sections = await asyncio.gather(
        load_section("database", ["host", "port"], 0.01),
        load_section("http", ["port", "workers"], 0.02),
        load_section("cache", ["host", "port"], 0.03),
        load_section("http", ["port", "workers", "timeout"], 0.04),
    )
    print("config ready:", sections)


asyncio.run(main())
