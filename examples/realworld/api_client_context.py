# aiospec: description = async context manager client (__aenter__/__aexit__) that opens a session, serves concurrent get() calls and closes even when the body raises; __aexit__ sees the exception type and does not suppress it; notice open/close ordering and the handled FetchError
# aiospec: python = 3.7-3.15
import asyncio


class FetchError(Exception):
    def __init__(self, url, code):
        super().__init__(f"{url}: {code}")
        self.url = url
        self.code = code


class ApiClient:
    routes = {"/me": (0.02, 200), "/teams": (0.04, 200), "/admin": (0.01, 403), "/billing": (0.03, 500)}

    def __init__(self, base):
        self.base = base
        self.open = False
        self.requests = 0

    async def __aenter__(self):
        await asyncio.sleep(0.01)
        self.open = True
        print(f"session to {self.base} opened")
        return self

    async def __aexit__(self, exc_type, exc, tb):
        await asyncio.sleep(0.01)
        self.open = False
        reason = "cleanly" if exc_type is None else f"after {exc_type.__name__}"
        print(f"session closed {reason} ({self.requests} requests)")
        return False

    async def get(self, path):
        if not self.open:
            raise RuntimeError("session is closed")
        self.requests += 1
        delay, code = self.routes[path]
        await asyncio.sleep(delay)
        if code != 200:
            raise FetchError(self.base + path, code)
        return {"path": path, "code": code}


async def main():
    async with ApiClient("https://api.test") as client:
        me, teams = await asyncio.gather(client.get("/me"), client.get("/teams"))
        print("loaded", me["path"], teams["path"])
    try:
        async with ApiClient("https://api.test") as client:
            await client.get("/me")
            await client.get("/admin")
            print("not reached")
    except FetchError as exc:
        print(f"handled FetchError code={exc.code} url={exc.url}")
    try:
        await client.get("/billing")
    except RuntimeError as exc:
        print("after exit:", exc)


asyncio.run(main())
