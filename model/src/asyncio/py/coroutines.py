# asyncio's coroutines.py as aiospec runs it: `@asyncio.coroutine` (SPEC T12; 3.7-3.10, gone in 3.11),
# written for aiospec after CPython's, outside debug mode (no CoroWrapper), with the
# conventions of locks.py here (`_minor`, `_refuse`, "frame: KEY" annotations).
# `_is_async_function`, `_is_generator_function` and `_is_generator` are inspect's
# iscoroutinefunction, isgeneratorfunction and isgenerator; `_types_coroutine(f)` is
# types.coroutine of a generator function (its generators may then be awaited).
import asyncio
import functools

if _minor <= 10:
    def coroutine(func):
        if _minor >= 8:
            _warn_deprecation('"@coroutine" decorator is deprecated since Python 3.8, '
                              'use "async def" instead')
        if _is_async_function(func):
            return func

        if _is_generator_function(func):
            coro = func
        else:
            @functools.wraps(func)
            def coro(*args, **kw):
                res = func(*args, **kw)  # frame: coroutines.coroutine.coro.call
                if asyncio.isfuture(res) or _is_generator(res):
                    res = yield from res  # frame: coroutines.coroutine.coro.yield_from
                elif hasattr(res, '__await__'):
                    _refuse('@asyncio.coroutine of a function that returns an awaitable '
                            'other than a Future or a generator')
                return res

        coro = _types_coroutine(coro)
        coro._is_coroutine = _is_coroutine
        return coro

_is_coroutine = object()
