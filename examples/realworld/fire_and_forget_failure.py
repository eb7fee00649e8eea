# aiospec: description = fire-and-forget audit logging: ensure_future() starts a background write per request and nobody awaits it; one write fails, so at shutdown/collection CPython logs "Task exception was never retrieved"; notice main completes normally
# aiospec: python = 3.7-3.15
import asyncio

audit_log = []


async def write_audit(user, action):
    await asyncio.sleep(0.025)
    if action == "delete" and user == "guest":
        raise PermissionError(f"audit store refused entry for {user}/{action}")
    audit_log.append(f"{user}:{action}")


async def handle(user, action):
    asyncio.ensure_future(write_audit(user, action))  # not awaited, result never checked
    await asyncio.sleep(0.01)
    return f"{action} by {user} accepted"


async def main():
    requests = [("ann", "read"), ("guest", "delete"), ("bob", "write")]
    for user, action in requests:
        print(await handle(user, action))
    await asyncio.sleep(0.05)
    print("audit entries written:", audit_log)
    print("main finished")


asyncio.run(main())
