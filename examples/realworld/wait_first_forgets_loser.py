# aiospec: description = race two lookups with wait(FIRST_COMPLETED) and use the winner, but forget the still-pending loser instead of cancelling it; the loser later fails and its exception is never retrieved, producing the "Task exception was never retrieved" report
# aiospec: python = 3.7-3.15
import asyncio


async def dns_lookup(resolver, host, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise OSError(f"{resolver}: SERVFAIL for {host}")
    return f"{host} -> 10.0.0.{len(host)} via {resolver}"


async def resolve(host):
    a = asyncio.create_task(dns_lookup("resolver-a", host, 0.02))
    b = asyncio.create_task(dns_lookup("resolver-b", host, 0.05, fail=True))
    done, pending = await asyncio.wait([a, b], return_when=asyncio.FIRST_COMPLETED)
    winner = a if a in done else b
    print(f"{len(done)} done, {len(pending)} still pending (not cancelled)")
    return winner.result()


async def main():
    print(await resolve("example.org"))
    await asyncio.sleep(0.1)  # meanwhile the loser fails
    print("main finished")


asyncio.run(main())
