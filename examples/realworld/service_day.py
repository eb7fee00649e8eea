# aiospec: description = A hundred-line service in the usual shape: a class-based client with retries and backoff, a bounded worker pool fed by a queue, a wait(FIRST_COMPLETED) loop with a deadline, and a gather that reports failures by kind. The parse-and-run benchmark runs this file.
# aiospec: python = 3.8-3.15
import asyncio
import random


class TransientError(Exception):
    pass


class Client:
    def __init__(self, name, failures):
        self.name = name
        self.failures = dict(failures)
        self.calls = 0

    async def fetch(self, key):
        self.calls += 1
        await asyncio.sleep(0.01 * (len(key) % 5 + 1))
        left = self.failures.get(key, 0)
        if left:
            self.failures[key] = left - 1
            raise TransientError(f"{self.name}: {key} busy")
        return f"{key}={len(key) * 7}"


async def with_retries(client, key, attempts=4, base=0.05):
    for attempt in range(1, attempts + 1):
        try:
            return await client.fetch(key)
        except TransientError as e:
            if attempt == attempts:
                raise
            delay = base * 2 ** (attempt - 1)
            print(f"retry {attempt} for {key!r} in {delay:.2f}s ({e})")
            await asyncio.sleep(delay)


async def worker(wid, queue, client, results, sem):
    while True:
        key = await queue.get()
        try:
            async with sem:
                results[key] = await with_retries(client, key)
        except TransientError as e:
            results[key] = f"gave up: {e}"
        finally:
            queue.task_done()


async def pool(client, keys, nworkers=3, limit=2):
    queue = asyncio.Queue()
    sem = asyncio.Semaphore(limit)
    results = {}
    for k in keys:
        queue.put_nowait(k)
    workers = [asyncio.create_task(worker(i, queue, client, results, sem)) for i in range(nworkers)]
    await queue.join()
    for w in workers:
        w.cancel()
    done = await asyncio.gather(*workers, return_exceptions=True)
    print("workers stopped:", sum(isinstance(d, asyncio.CancelledError) for d in done))
    return results


async def first_answers(client, keys, deadline):
    loop = asyncio.get_running_loop()
    end = loop.time() + deadline
    pending = {asyncio.create_task(client.fetch(k)) for k in keys}
    answers = []
    while pending:
        left = end - loop.time()
        if left <= 0:
            break
        done, pending = await asyncio.wait(pending, timeout=left, return_when=asyncio.FIRST_COMPLETED)
        for t in done:
            answers.append(t.result() if not t.exception() else type(t.exception()).__name__)
    for t in pending:
        t.cancel()
    return sorted(answers), len(pending)


async def main():
    random.seed(7)
    keys = [random.choice(["alpha", "beta", "gamma", "delta", "pi"]) + str(i) for i in range(8)]
    client = Client("db", {keys[1]: 2, keys[4]: 5})
    results = await pool(client, keys)
    for k in sorted(results):
        print(k, "->", results[k])
    answers, left = await first_answers(Client("cache", {}), keys[:5], deadline=0.015)
    print("answers:", answers, "still pending:", left)
    outcomes = await asyncio.gather(
        with_retries(Client("a", {"x": 1}), "x"),
        with_retries(Client("b", {"y": 9}), "y", attempts=2),
        return_exceptions=True,
    )
    kinds = {}
    for o in outcomes:
        kinds.setdefault(type(o).__name__, []).append(str(o))
    print(kinds, "calls:", client.calls)


if __name__ == "__main__":
    asyncio.run(main())
