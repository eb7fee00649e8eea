# aiospec: description = Calling an async function, or making a task of it, binds its arguments and nothing else: their __repr__ runs only when the program asks for it.
# aiospec: rules = M1
import asyncio


class Client:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        print('repr of', self.name)
        return f'Client({self.name!r})'


async def fetch(client, n):
    await asyncio.sleep(0)
    return f'{client.name}:{n}'


async def main():
    c = Client('a')
    coro = fetch(c, 1)
    print('made the coroutine')
    print(await coro)
    print(await fetch(Client('b'), 2))
    print(await asyncio.create_task(fetch(c, 3)))
    print(await asyncio.gather(fetch(Client('c'), 4), fetch(c, 5)))
    print([c])

asyncio.run(main())
