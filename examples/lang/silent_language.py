# aiospec: description = Language behaviours the model once got wrong (issue 11): UnboundLocalError, NFKC-equal identifiers, a one-element tuple returned with a trailing comma, recursion stopped by RecursionError inside the program; %-formatting, isinstance on builtin types, print's sep and __cause__, once answered with exceptions CPython never raises.
# aiospec: rules = M2 M7
import asyncio

ﬁle = 'ligature'


def unbound():
    try:
        print(x)
        x = 1
    except Exception as e:
        return type(e).__name__


def one():
    return 1,


async def forever(n):
    return await forever(n + 1)


async def main():
    print(unbound(), file, one(), len(one()))
    print('x %s' % 3, isinstance('a', str), isinstance(1, str), sep='|')
    try:
        raise ValueError('outer') from KeyError('inner')
    except ValueError as e:
        print(repr(e.__cause__), e.__suppress_context__)
    try:
        await forever(0)
    except RecursionError as e:
        print('RecursionError', e)


asyncio.run(main())
