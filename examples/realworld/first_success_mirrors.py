# aiospec: description = download from several mirrors at once and keep the first successful response: failures are skipped inside a FIRST_COMPLETED loop, and once one mirror succeeds the rest are cancelled; notice failed mirrors are reported and the cancelled ones are awaited
# aiospec: python = 3.7-3.15
import asyncio


class MirrorError(Exception):
    pass


async def download(mirror, delay, ok):
    await asyncio.sleep(delay)
    if not ok:
        raise MirrorError(f"{mirror}: checksum mismatch")
    return f"package.tar.gz from {mirror}"


async def first_success(specs):
    tasks = {asyncio.create_task(download(*s)): s[0] for s in specs}
    pending = set(tasks)
    winner = None
    errors = []
    while pending and winner is None:
        done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
        for task in sorted(done, key=lambda t: tasks[t]):
            if task.exception() is not None:
                errors.append(str(task.exception()))
            elif winner is None:
                winner = task.result()
    for task in pending:
        task.cancel()
    leftovers = await asyncio.gather(*pending, return_exceptions=True)
    return winner, errors, len(leftovers)


async def main():
    specs = [("eu.mirror", 0.04, False), ("us.mirror", 0.07, True), ("asia.mirror", 0.02, False),
             ("backup.mirror", 0.15, True), ("edu.mirror", 0.11, True)]
    winner, errors, cancelled = await first_success(specs)
    print("winner:", winner)
    print("errors:", errors)
    print("cancelled:", cancelled)
    none_ok = [("a", 0.01, False), ("b", 0.02, False)]
    print("all failing:", await first_success(none_ok))


asyncio.run(main())
