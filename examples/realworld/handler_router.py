# aiospec: description = command router that dispatches to async handlers through a dict, forwarding *args and **kwargs, with typing annotations (Dict, List, Optional, Callable, Awaitable) and a default handler for unknown commands; notice the keyword arguments each handler receives
# aiospec: python = 3.7-3.15
import asyncio
from typing import Any, Awaitable, Callable, Dict, List, Optional

Handler = Callable[..., Awaitable[str]]
HANDLERS: Dict[str, Handler] = {}


def route(name: str) -> Callable[[Handler], Handler]:
    def register(func: Handler) -> Handler:
        HANDLERS[name] = func
        return func
    return register


@route("greet")
async def greet(user: str, *, shout: bool = False) -> str:
    await asyncio.sleep(0.01)
    text = f"hello {user}"
    return text.upper() if shout else text


@route("sum")
async def add(*numbers: float, precision: int = 2) -> str:
    await asyncio.sleep(0.02)
    return f"sum={round(sum(numbers), precision)}"


@route("echo")
async def echo(*args: Any, **kwargs: Any) -> str:
    await asyncio.sleep(0.005)
    pairs = ", ".join(f"{k}={v!r}" for k, v in sorted(kwargs.items()))
    return f"args={list(args)} kwargs={{{pairs}}}"


async def unknown(*args: Any, **kwargs: Any) -> str:
    return f"no handler ({len(args)} args, {len(kwargs)} kwargs)"


async def dispatch(command: str, *args: Any, **kwargs: Any) -> str:
    handler: Optional[Handler] = HANDLERS.get(command)
    if handler is None:
        handler = unknown
    return await handler(*args, **kwargs)


async def main() -> None:
    jobs: List[Awaitable[str]] = [
        dispatch("greet", "ada"),
        dispatch("greet", "grace", shout=True),
        dispatch("sum", 0.1, 0.2, 0.3),
        dispatch("sum", 1, 2, 3.14159, precision=3),
        dispatch("echo", 1, "two", mode="fast", retries=3),
        dispatch("reboot", "now", force=True),
    ]
    for line in await asyncio.gather(*jobs):
        print(line)
    print("registered:", sorted(HANDLERS))


if __name__ == "__main__":
    asyncio.run(main())
