# aiospec: description = FIRST_COMPLETED loop where some tasks fail: each finished task is checked with task.exception() before task.result(), failures are retried once by adding a new task to the pending set; notice both retried accounts succeed on their second attempt and the final synced order
# aiospec: python = 3.7-3.15
import asyncio

attempts = {}


async def sync_account(account, delay):
    attempts[account] = attempts.get(account, 0) + 1
    await asyncio.sleep(delay)
    if account.endswith("7") and attempts[account] == 1:
        raise ConnectionResetError(f"reset while syncing {account}")
    return f"{account}: {attempts[account]} attempt(s)"


async def main():
    accounts = [("acct-3", 0.04), ("acct-7", 0.02), ("acct-17", 0.07), ("acct-9", 0.09)]
    info = {}
    for name, delay in accounts:
        info[asyncio.create_task(sync_account(name, delay))] = (name, delay)
    pending = set(info)
    synced, failed = [], []
    while pending:
        done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
        for task in sorted(done, key=lambda t: info[t][0]):
            name, delay = info[task]
            error = task.exception()
            if error is None:
                synced.append(task.result())
                continue
            print(f"error: {error!r}")
            if attempts[name] < 2:
                retry = asyncio.create_task(sync_account(name, delay * 2))
                info[retry] = (name, delay * 2)
                pending.add(retry)
                print(f"  retrying {name} (pending now {len(pending)})")
            else:
                failed.append(name)
    for line in synced:
        print("synced", line)
    print("failed:", failed or "none")


asyncio.run(main())
