# aiospec: description = collect everything with gather(return_exceptions=True), report all failures, then re-raise a summary error "from" the first failure so the caller still sees a crash; the error escapes asyncio.run and the traceback shows the direct-cause chain
# aiospec: python = 3.7-3.15
import asyncio


class DeployError(Exception):
    def __init__(self, failed):
        super().__init__(f"{len(failed)} host(s) failed: {', '.join(failed)}")
        self.failed = failed


async def deploy(host, seconds, broken=False):
    await asyncio.sleep(seconds)
    if broken:
        raise PermissionError(f"{host}: permission denied writing /srv/app")
    return f"{host}: v2.4.1"


async def rollout(hosts):
    results = await asyncio.gather(*(deploy(*h) for h in hosts), return_exceptions=True)
    errors = []
    for (name, *_), res in zip(hosts, results):
        if isinstance(res, BaseException):
            errors.append((name, res))
            print(f"FAIL {name}: {res}")
        else:
            print(f"ok   {res}")
    if errors:
        first = errors[0][1]
        raise DeployError([name for name, _ in errors]) from first
    return len(results)


async def main():
    hosts = [("web-1", 0.02), ("web-2", 0.04, True), ("web-3", 0.01), ("worker-1", 0.03, True)]
    count = await rollout(hosts)
    print("deployed to", count, "hosts")


asyncio.run(main())
