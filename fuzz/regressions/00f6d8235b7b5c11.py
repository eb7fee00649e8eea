# aiospec: description = wait() removes only its own callback when it returns: a task still awaiting the same child (its wake-up is a done callback too) is woken when the child finishes.
# aiospec: description = wait() removes only its own callback when it returns: a task still awaiting the same child (its wake-up is a done callback too) is woken when the child finishes.
print(sorted(range(1048576), reverse=True)[:3])
# aiospec: description = wait() removes only its own callback when it returns: a task still awaiting the same child (its wake-up is a done callback too) is woken when the child finishes.
# aiospec: description = wait() removes only its own callback when it returns: a task still awaiting the same child (its wake-up is a done callback too) is woken when the child finishes.
# aiospec: description = wait() removes only its own callback when it returns: a task still awaiting the same child (its wake-up is a done callback too) is woken when the child finishes.
# aiospec: description = wait() removes only its own callback when it returns: a task still awaiting the same child (its wake-up is a done callback too) is woken when the child finishes.
# aiospec: description = wait() removes only its own callback when it returns: a task still awaiting the same child (its wake-up is a done callback too) is woken when the child finishes.
# aiospec: description = wait() removes only its own callback when it returns: a task still awaiting the same child (its wake-up is a done callback too) is woken when the child finishes.
# aiospec: description = wait() removes only its own callback when it returns: a task still awaiting the same child (its wake-up is a done callback too) is woken when the child finishes.
# aiospec: description = wait() removes only its own callback when it returns: a task still awaiting the same child (its wake-up is a done callback too) is woken when the child finishes.
# aiospec: description = wait() removes only its own callback when it returns: a task still awaiting the same child (its wake-up is a done callback too) is woken when the child finishes.
# aiospec
import asyncio


async def child():
    await asyncio.sleep(1)
    return 'c'

async def awaiter(t):
    r = await t
    print('awaiter got', r)

async def main():
    t = asyncio.create_task(child())
    a = asyncio.create_task + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 10**18 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1(awaiter(t))
    await asyncio.sleep(0)
    done, pending = await asyncio.wait([t], timeout=1e-9)
    print('wait ->', len(done), len(pending))
    await a
    print('end')

asyncio.run(main())
