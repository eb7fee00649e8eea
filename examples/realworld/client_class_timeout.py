# aiospec: description = class-based HTTP client with an async get(), keyword-only timeout and per-host stats; requests run concurrently via gather and each uses wait_for; notice which requests fail with the program's own FetchError
# aiospec: python = 3.7-3.15
import asyncio


class FetchError(Exception):
    def __init__(self, url, code):
        super().__init__(f"{url}: {code}")
        self.url = url
        self.code = code


class Client:
    def __init__(self, name, latencies, *, default_timeout=0.1):
        self.name = name
        self.latencies = latencies
        self.default_timeout = default_timeout
        self.stats = {"ok": 0, "timeout": 0, "error": 0}

    async def _transport(self, path):
        delay, status = self.latencies[path]
        await asyncio.sleep(delay)
        if status >= 400:
            raise FetchError(path, status)
        return {"path": path, "status": status, "size": len(path) * 10}

    async def get(self, path, *, timeout=None):
        limit = self.default_timeout if timeout is None else timeout
        try:
            resp = await asyncio.wait_for(self._transport(path), limit)
        except asyncio.TimeoutError:
            self.stats["timeout"] += 1
            return None
        except FetchError as exc:
            self.stats["error"] += 1
            print(f"[{self.name}] error: {exc} (code={exc.code})")
            return None
        self.stats["ok"] += 1
        return resp


async def main():
    client = Client("billing", {
        "/invoices": (0.03, 200),
        "/invoices/42": (0.05, 404),
        "/customers": (0.25, 200),
        "/health": (0.01, 200),
        "/export": (0.12, 200),
    })
    paths = ["/invoices", "/invoices/42", "/customers", "/health", "/export"]
    results = await asyncio.gather(
        *(client.get(p, timeout=0.2 if p == "/export" else None) for p in paths)
    )
    for path, resp in zip(paths, results):
        if resp is None:
            print(f"{path:<14} -> no response")
        else:
            print(f"{path:<14} -> {resp['status']} ({resp['size']:>4} bytes)")
    summary = ", ".join(f"{k}={v}" for k, v in client.stats.items())
    print("stats:", summary)


asyncio.run(main())
