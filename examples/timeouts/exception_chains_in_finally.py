# aiospec: description = The exception chains timeout() leaves (on the pure-Python Task a ZeroDivisionError raised in the step a CancelledError woke takes that CancelledError as __context__, as Task.__wakeup handles it while the step runs): TimeoutError caused by the CancelledError (timeout(0), 3.11-3.12's test_timeout_exception_cause); a ZeroDivisionError being handled when it expires becomes the CancelledError's context (3.13); ZeroDivisionError raised in a finally during the expiry has the TimeoutError as context (3.13 inserts it; earlier versions chain the CancelledError); and a KeyError/ZeroDivisionError tower on top of it. Each link prints as (type, cause type, context type, context is cause).
# aiospec: rules = TO1 T2
# aiospec: python = 3.11-3.15
# aiospec: cites = test_timeouts.py::TimeoutTests::test_timeout_exception_context test_timeouts.py::TimeoutTests::test_foreign_exception_on_timeout_2
import asyncio


def chain(e):
    """Each exception of the chain: its type, and the types of its __cause__ and __context__."""
    out = []
    seen = []
    while e is not None and not any(s is e for s in seen):
        seen.append(e)
        c, x = e.__cause__, e.__context__
        out.append((type(e).__name__, type(c).__name__ if c is not None else None,
                    type(x).__name__ if x is not None else None, x is c and c is not None))
        e = c if c is not None else x
    return out


async def crash():
    try:
        await asyncio.sleep(1)
    finally:
        1/0


async def main():
    try:
        async with asyncio.timeout(0):
            await asyncio.sleep(1)
    except TimeoutError as e:
        print('cause', chain(e))
    try:
        async with asyncio.timeout(0.01):
            try:
                1/0
            finally:
                await asyncio.sleep(1)
    except TimeoutError as e:
        print('context', chain(e))
    try:
        async with asyncio.timeout(0.01):
            await crash()
    except ZeroDivisionError as e:
        print('on timeout', chain(e))
    try:
        async with asyncio.timeout(0.01):
            try:
                try:
                    raise ValueError
                finally:
                    await asyncio.sleep(1)
            finally:
                try:
                    raise KeyError
                finally:
                    1/0
    except ZeroDivisionError as e:
        print('on timeout 2', chain(e))

asyncio.run(main())
