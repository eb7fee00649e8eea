# aiospec: description = tracing with nested async context managers (async with Span(...)) that record start/end offsets and errors, plus a synchronous context manager whose __exit__ suppresses one expected exception type; notice the span tree, the error recorded on the failing span and the suppressed KeyError
# aiospec: python = 3.7-3.15
import asyncio
import time


def make_tracer():
    depth = 0
    spans = []
    start = time.monotonic()

    class Span:
        def __init__(self, name):
            self.name = name

        async def __aenter__(self):
            nonlocal depth
            self.depth = depth
            depth += 1
            self.t0 = time.monotonic() - start
            return self

        async def __aexit__(self, exc_type, exc, tb):
            nonlocal depth
            depth -= 1
            t1 = time.monotonic() - start
            error = f" error={exc_type.__name__}" if exc_type else ""
            spans.append((self.t0, self.depth, f"{self.name} [{self.t0:.2f}-{t1:.2f}]{error}"))
            return False

    return Span, spans


class ignore_missing:
    def __init__(self, what):
        self.what = what

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is KeyError:
            print(f"ignored missing {self.what}: {exc}")
            return True
        return False


async def handle_request(Span, user_id, profiles):
    async with Span("request"):
        async with Span("auth"):
            await asyncio.sleep(0.01)
        async with Span("load-profile"):
            await asyncio.sleep(0.02)
            with ignore_missing("profile"):
                print("profile:", profiles[user_id])
        try:
            async with Span("render"):
                await asyncio.sleep(0.02)
                raise UnicodeError("bad template")
        except UnicodeError as exc:
            print("render failed:", exc)


async def main():
    Span, spans = make_tracer()
    profiles = {1: {"name": "ann"}}
    await handle_request(Span, 1, profiles)
    await handle_request(Span, 2, profiles)
    for _, depth, text in sorted(spans):
        print("  " * depth + text)


asyncio.run(main())
