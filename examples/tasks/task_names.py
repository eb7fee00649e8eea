# aiospec: description = Task names (3.8+): create_task(name=...) and get_name(); a task made without a name is 'Task-<n>'.
# aiospec: python = 3.8-3.15
# aiospec: rules = T1
import asyncio


async def work():
    return 1

async def main():
    t = asyncio.create_task(work(), name='worker')
    print(t.get_name())
    await t
    names = [n for n in ['a', 'b', 'c'] if n != 'b']
    print(names[-1], names[0], len(names))
    print(list(range(2, 5)), list(range(3)))

asyncio.run(main())
