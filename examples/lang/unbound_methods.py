# aiospec: description = A builtin type's method called through the type (str.split(s)) takes self as its first argument; without one, or with another type, TypeError in each version's words.
# aiospec: rules = M1
def t(f):
    try:
        print(f())
    except TypeError as e:
        print('TypeError', e)
t(lambda: str.split('a b'))
t(lambda: str.split())
t(lambda: str.split(1))
t(lambda: list.append([], 1))
t(lambda: list.append())
t(lambda: dict.get({1: 2}, 1))
t(lambda: dict.fromkeys([1, 2]))
t(lambda: int.bit_length(255))
t(lambda: int.bit_length(True))
t(lambda: float.is_integer(2.0))
t(lambda: str.upper(3.5))
t(lambda: tuple.count((1, 1), 1))
t(lambda: set.add(set(), 1))
t(lambda: str.join(',', ['a', 'b']))
t(lambda: list.sort([3, 1]))
