# aiospec: description = main() returns while a background poller is still running; asyncio.run cancels the leftover task during shutdown and its finally/except blocks still print; notice the shutdown messages come after main's last line and before the returned value is printed
# aiospec: python = 3.7-3.15
import asyncio


async def poller(seen):
    try:
        while True:
            await asyncio.sleep(0.03)
            seen.append("poll")
    except asyncio.CancelledError:
        print(f"poller: cancelled by asyncio.run after {len(seen)} polls")
        raise
    finally:
        print("poller: closing socket")


async def main():
    seen = []
    asyncio.create_task(poller(seen))
    await asyncio.sleep(0.1)
    print("main: done with", len(seen), "polls seen; returning without cancelling the poller")
    return {"polls": len(seen), "status": "ok"}


result = asyncio.run(main())
print("asyncio.run returned", result)
