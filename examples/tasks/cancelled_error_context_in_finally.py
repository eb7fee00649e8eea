# aiospec: description = A task cancelled while it awaits in a finally block that runs for a ZeroDivisionError: the CancelledError raised at the await has that ZeroDivisionError as its __context__ (the minimal form of test_timeout_exception_context's chain).
# aiospec: rules = T6
import asyncio


async def main():
    t = asyncio.current_task()
    try:
        try:
            1/0
        finally:
            t.cancel()
            await asyncio.sleep(1)
    except asyncio.CancelledError as e:
        print(repr(e.__context__))

asyncio.run(main())
