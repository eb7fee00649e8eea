# aiospec: description = Annotations are evaluated when a def or class body runs up to 3.13, so a name defined later is a NameError there; from 3.14 (PEP 649) they are evaluated only when asked for, and the program runs.
# aiospec: rules = M1
import asyncio


async def handler(request: Request) -> Response:
    await asyncio.sleep(0)
    return f"handled {request.path}"


class Request:
    def __init__(self, path):
        self.path = path


async def main():
    print(await handler(Request("/")))

asyncio.run(main())
