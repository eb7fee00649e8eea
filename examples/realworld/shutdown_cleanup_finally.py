# aiospec: description = connection handlers that release resources in finally when cancelled during shutdown; one handler logs and re-raises CancelledError, another catches it in except and re-raises; notice the cleanup order and that every handler ends cancelled
# aiospec: python = 3.7-3.15
import asyncio

open_connections = {}


async def handler(conn_id, work):
    open_connections[conn_id] = "open"
    try:
        for step in range(work):
            await asyncio.sleep(0.02)
            open_connections[conn_id] = f"step {step + 1}/{work}"
        return f"conn {conn_id} finished"
    except asyncio.CancelledError:
        print(f"conn {conn_id}: cancelled at {open_connections[conn_id]}")
        raise
    finally:
        open_connections.pop(conn_id)
        print(f"conn {conn_id}: released")


async def main():
    tasks = [asyncio.ensure_future(handler(i, w)) for i, w in enumerate([2, 10, 6, 12])]
    await asyncio.sleep(0.09)
    print("open before shutdown:", sorted(open_connections.items()))
    still_running = [t for t in tasks if not t.done()]
    print(f"{len(tasks) - len(still_running)} finished on their own, cancelling {len(still_running)}")
    for t in still_running:
        t.cancel()
    outcomes = await asyncio.gather(*tasks, return_exceptions=True)
    for i, out in enumerate(outcomes):
        shown = out if isinstance(out, str) else type(out).__name__
        print(f"  task {i}: {shown}")
    print("open after shutdown:", open_connections)


asyncio.run(main())
