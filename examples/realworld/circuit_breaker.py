# aiospec: description = circuit breaker class with closed/open/half-open states driven by time.monotonic(); after 3 failures calls fail fast without touching the backend until a cool-down passes, then one trial call decides; notice the state transitions and the fast failures
# aiospec: python = 3.7-3.15
import asyncio
import time


class CircuitOpen(Exception):
    pass


class CircuitBreaker:
    def __init__(self, threshold=3, cooldown=0.09):
        self.threshold = threshold
        self.cooldown = cooldown
        self.failures = 0
        self.state = "closed"
        self.opened_at = 0.0

    async def call(self, func, *args):
        if self.state == "open":
            if time.monotonic() - self.opened_at < self.cooldown:
                raise CircuitOpen("failing fast")
            self._move("half-open")
        try:
            result = await func(*args)
        except Exception:
            self.failures += 1
            if self.state == "half-open" or self.failures >= self.threshold:
                self.opened_at = time.monotonic()
                self._move("open")
            raise
        self.failures = 0
        if self.state != "closed":
            self._move("closed")
        return result

    def _move(self, new):
        print(f"    [breaker] {self.state} -> {new}")
        self.state = new


backend_up_at = 0.27


async def backend(n, start):
    await asyncio.sleep(0.01)
    if time.monotonic() - start < backend_up_at:
        raise ConnectionError("backend down")
    return f"response {n}"


async def main():
    start = time.monotonic()
    breaker = CircuitBreaker()
    for n in range(12):
        try:
            out = await breaker.call(backend, n, start)
            print(f"call {n:>2}: {out}")
        except CircuitOpen as exc:
            print(f"call {n:>2}: rejected ({exc})")
        except ConnectionError as exc:
            print(f"call {n:>2}: error ({exc})")
        await asyncio.sleep(0.025)
    print("final state:", breaker.state)


if __name__ == "__main__":
    asyncio.run(main())
