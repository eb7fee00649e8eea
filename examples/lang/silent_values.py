# aiospec: description = Values the model once got silently wrong (issue 11): 64-bit wrap, int comparison through floats, float floor division, chained comparisons, indexing with bools, reprs of ranges and control characters, the most negative 64-bit value, sizes CPython refuses.
# aiospec: rules = M7
import asyncio


def attempt(f):
    try:
        return repr(f())
    except Exception as e:
        return type(e).__name__


async def main():
    print(9223372036854775807 + 1, -9223372036854775808 - 1)
    print(9007199254740993 == 9007199254740992, 9007199254740993 > 9007199254740992.0)
    print(7.0 // 0.1, 7.0 % 0.1, -7.5 // 2, -7.5 % 2, divmod(7.0, 0.1))
    print(1 < 3 < 2, 1 < 2 < 3, 3 > 2 == 2)
    print(1e400, -1e400, repr(1e400))
    print("abc"[0], [1, 2][True], -True, repr(range(3)), repr(range(1, 9, 2)))
    print(repr('\x00\x07\t\r\n\x7f\x85\u200b'), ascii('\u00e9'))
    print((-2 ** 63) // -1, (-2 ** 63) % -1, divmod(-2 ** 63, -1))
    print(attempt(lambda: 1 in 'abc'))
    print(attempt(lambda: len(range(-2 ** 63, 2 ** 63 - 1))))
    print(attempt(lambda: 'x' * (2 ** 63)))


asyncio.run(main())
