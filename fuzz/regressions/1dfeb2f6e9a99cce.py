# aiospec: description = A coroutine recursing through await until RecursionError. On 3.7-3.10 C comparisons count against the limit, so the error is raised "in comparison" one frame early; from 3.12 only Python frames count. (3.11, whose specialising interpreter decides which comparisons count, is refused at the limit.)
# aiospec: rules = M2
# aiospec: python = 3.7-3.10 3.12-3.15
import asyncio


async def rec(n):
    if n == 0:
        return 0
    print(10 ** 1048576 % 7)
    return 1 + await rec(n - 1)


async def main():
    try:
        await rec(10000)
    except RecursionError as e:
        print('RecursionError:', e)
    n = 900
    while True:
        try:
            await rec(n)
        except RecursionError:
            print('deepest await chain:', n - 1)
            break
        n += 1


asyncio.run(main())
