# aiospec: description = three replica writes are started as tasks but only the primary's task is awaited; the primary succeeds, a secondary fails and is never looked at, so its exception is reported as never retrieved; notice which task statuses main prints without calling result()
# aiospec: python = 3.7-3.15
import asyncio


class ReplicationError(Exception):
    pass


async def write(replica, key, delay, ok=True):
    await asyncio.sleep(delay)
    if not ok:
        raise ReplicationError(f"{replica} rejected write of {key!r}")
    return f"{replica} stored {key!r}"


async def main():
    writes = {
        "primary": asyncio.create_task(write("primary", "order:77", 0.03)),
        "replica-1": asyncio.create_task(write("replica-1", "order:77", 0.02)),
        "replica-2": asyncio.create_task(write("replica-2", "order:77", 0.04, ok=False)),
    }
    print(await writes["primary"])
    await asyncio.sleep(0.03)
    for name, task in writes.items():
        print(f"{name:<10} done={task.done()} cancelled={task.cancelled()}")
    print("acknowledged to client after primary write")


asyncio.run(main())
