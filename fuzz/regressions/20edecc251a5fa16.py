import asyncio


async def main():
    x = []
    for _ in range(499):
        x = [x]
    y = []
    for _ in range(0):
        y = [y]
    print(x == y, x < y)
    def g(n):
        if n:
            yield from g(n - 1)
        yield n
    print(sum(g(256)))
    86400
    l = [0]
    for _ in range(67108864):
        l = l + l
    print(len(l))

asyncio.run(main())
