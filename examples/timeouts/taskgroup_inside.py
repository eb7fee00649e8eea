# aiospec: description = A timeout(0.01) around a TaskGroup whose child crashes in its cleanup (ZeroDivisionError in finally) while the body awaits in a finally for a ValueError: the result is an ExceptionGroup of that one ZeroDivisionError; the group's context is the TimeoutError caused by the body's CancelledError, and the ZeroDivisionError's context a TimeoutError caused by the child's own CancelledError (3.13). Each chain prints as (type, cause type, context type, context is cause).
# aiospec: rules = TO1 TG1
# aiospec: python = 3.11-3.15
# aiospec: cites = test_timeouts.py::TimeoutTests::test_timeout_taskgroup
import asyncio


def chain(e):
    out = []
    seen = []
    while e is not None and not any(s is e for s in seen):
        seen.append(e)
        c, x = e.__cause__, e.__context__
        out.append((type(e).__name__, type(c).__name__ if c is not None else None,
                    type(x).__name__ if x is not None else None, x is c and c is not None))
        e = c if c is not None else x
    return out


async def task():
    try:
        await asyncio.sleep(2)
    finally:
        1/0


async def main():
    try:
        async with asyncio.timeout(0.01):
            async with asyncio.TaskGroup() as tg:
                tg.create_task(task())
                try:
                    raise ValueError
                finally:
                    await asyncio.sleep(1)
    except ExceptionGroup as eg:
        print(repr(eg))
        print('group', chain(eg))
        print('member', chain(eg.exceptions[0]))

asyncio.run(main())
