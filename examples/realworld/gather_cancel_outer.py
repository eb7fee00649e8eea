# aiospec: description = cancelling the future returned by asyncio.gather cancels every child that is still running; the awaiting code sees CancelledError; notice which children completed before the cancel, what each child reports afterwards, and what cancelled() says for the gather future itself
# aiospec: python = 3.7-3.15
import asyncio


async def crawl(site, pages):
    fetched = 0
    try:
        for _ in range(pages):
            await asyncio.sleep(0.02)
            fetched += 1
        return f"{site}: {fetched} pages"
    except asyncio.CancelledError:
        print(f"  {site}: stopped after {fetched} pages")
        raise


async def watchdog(group, after):
    await asyncio.sleep(after)
    print(f"watchdog: cancelling the crawl group after {after}s")
    group.cancel()


async def main():
    sites = {"docs": 2, "blog": 5, "shop": 9}
    children = [asyncio.create_task(crawl(s, n)) for s, n in sites.items()]
    group = asyncio.gather(*children)
    dog = asyncio.create_task(watchdog(group, 0.07))
    try:
        results = await group
        print("all done:", results)
    except asyncio.CancelledError:
        print("main: the crawl group was cancelled")
    await dog
    for site, child in zip(sites, children):
        state = "cancelled" if child.cancelled() else repr(child.result())
        print(f"{site:>5}: {state}")
    print("group cancelled():", group.cancelled())


asyncio.run(main())
