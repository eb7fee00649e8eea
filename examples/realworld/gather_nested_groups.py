# aiospec: description = nested gathers: each region gathers its services, and the top level gathers the regions with return_exceptions=True; a failure inside one region fails only that region's gather; notice the per-region outcome and the region whose inner siblings still completed
# aiospec: python = 3.7-3.15
import asyncio


class ServiceUnavailable(Exception):
    pass


async def ping(region, service, latency):
    await asyncio.sleep(latency)
    if service == "queue" and region == "eu-west":
        raise ServiceUnavailable(f"{region}/{service} is down")
    return f"{service}:{int(latency * 1000)}ms"


async def check_region(region, services):
    print(f"checking {region} ({len(services)} services)")
    results = await asyncio.gather(*(ping(region, s, l) for s, l in services.items()))
    return region, results


async def main():
    topology = {
        "us-east": {"api": 0.03, "db": 0.05, "queue": 0.02},
        "eu-west": {"api": 0.04, "db": 0.01, "queue": 0.06},
        "ap-south": {"api": 0.07, "db": 0.03},
    }
    outcomes = await asyncio.gather(*(check_region(r, s) for r, s in topology.items()),
                                    return_exceptions=True)
    healthy = 0
    for region, outcome in zip(topology, outcomes):
        if isinstance(outcome, Exception):
            print(f"{region:<9} DOWN  {type(outcome).__name__}: {outcome}")
        else:
            name, pings = outcome
            healthy += 1
            print(f"{name:<9} OK    {' '.join(pings)}")
    print(f"{healthy}/{len(topology)} regions healthy")
    await asyncio.sleep(0.05)
    print("waited for stragglers; done")


asyncio.run(main())
