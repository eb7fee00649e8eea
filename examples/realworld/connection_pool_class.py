# aiospec: description = a tiny connection pool class without asyncio primitives: acquire() polls until a connection is free, and an async context manager returns it; six queries share two connections; notice the waiting queries and per-connection usage counts
# aiospec: python = 3.7-3.15
import asyncio


class PooledConnection:
    def __init__(self, pool, conn_id):
        self.pool = pool
        self.conn_id = conn_id

    async def __aenter__(self):
        return self.conn_id

    async def __aexit__(self, exc_type, exc, tb):
        self.pool.release(self.conn_id)
        return False


class Pool:
    def __init__(self, size, poll=0.01):
        self.free = [f"conn{i}" for i in range(size)]
        self.usage = {c: 0 for c in self.free}
        self.poll = poll
        self.waits = 0

    async def acquire(self):
        while not self.free:
            self.waits += 1
            await asyncio.sleep(self.poll)
        conn = self.free.pop(0)
        self.usage[conn] += 1
        return PooledConnection(self, conn)

    def release(self, conn):
        self.free.append(conn)


async def query(pool, sql, cost, log):
    async with await pool.acquire() as conn:
        log.append(f"{sql:<22} on {conn}")
        await asyncio.sleep(cost)
        return len(sql)


async def main():
    pool = Pool(2, poll=0.02)
    log = []
    queries = [("SELECT * FROM users", 0.09), ("SELECT 1", 0.01), ("UPDATE stats", 0.05),
               ("DELETE FROM cache", 0.03), ("SELECT * FROM orders", 0.07), ("VACUUM", 0.01)]
    sizes = await asyncio.gather(*(query(pool, q, c, log) for q, c in queries))
    print("\n".join(log))
    print("result sizes:", sizes)
    print("usage:", pool.usage, "free at end:", pool.free)
    print("some queries had to wait:", pool.waits > 0)


asyncio.run(main())
