# aiospec: description = run_until_complete entry point where the coroutine raises: the program catches the error around run_until_complete, prints it, cancels a leftover background task by hand and closes the loop; notice the leftover task's cleanup happening in the second run_until_complete
# aiospec: python = 3.7-3.15
import asyncio


async def ticker(log):
    try:
        while True:
            await asyncio.sleep(0.025)
            log.append("tick")
    finally:
        print(f"ticker stopped after {len(log)} ticks")


async def migrate(log, background):
    background.append(asyncio.ensure_future(ticker(log)))
    for version in (1, 2, 3):
        await asyncio.sleep(0.03)
        print(f"applied migration {version}")
    raise LookupError("migration 4 not found")


log, background = [], []
loop = asyncio.new_event_loop()
try:
    loop.run_until_complete(migrate(log, background))
except LookupError as exc:
    print("migrate failed:", exc)
leftover = background[0]
print("ticker still running:", not leftover.done())
leftover.cancel()
outcome = loop.run_until_complete(asyncio.gather(leftover, return_exceptions=True))
print("ticker outcome:", [type(o).__name__ for o in outcome])
loop.close()
