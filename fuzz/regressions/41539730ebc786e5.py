import asyncio


async def main():
    print({1, 2, 3, 'a', 'b', (1,)})
    l = [0]
    for _ in range(4300):
        l.extend(l)
    print(len(l))
    while True:
        await asyncio.sleep(0)
    d = {}
    d[1] = d
    print(d)

asyncio.run(main())
