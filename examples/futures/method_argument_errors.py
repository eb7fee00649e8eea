# aiospec: description = Arguments to methods that take none: the C Future and Task say "takes no arguments (N given)", qualified with Task. or Future. from 3.10; the Python classes say what argument binding says (counting self), qualified from 3.10 too; the loop's and the handles' methods are Python. gather of a list fails hashing it first.
# aiospec: python = 3.8-3.15
# aiospec: rules = F1 G9
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(asyncio.sleep(0))
    f = loop.create_future()
    g = asyncio.gather(t)
    h = loop.call_soon(print, "soon")
    th = loop.call_later(1, print, "later")
    calls = [
        lambda: t.done(1),
        lambda: t.result(x=1),
        lambda: t.cancelled(1, 2),
        lambda: t.get_name(1),
        lambda: t.cancel("a", "b"),
        lambda: t.get_coro(1),
        lambda: t.exception(1),
        lambda: t.cancelling(1) if hasattr(t, "cancelling") else print("no cancelling"),
        lambda: t.uncancel(1) if hasattr(t, "uncancel") else print("no uncancel"),
        lambda: f.exception(1),
        lambda: f.get_loop(1),
        lambda: g.result(1),
        lambda: h.cancel(1),
        lambda: th.cancel(1),
        lambda: h.cancelled(1),
        lambda: th.when(1),
        lambda: loop.stop(1),
        lambda: loop.get_debug(x=2),
        lambda: asyncio.gather([1]),
    ]
    for call in calls:
        try:
            call()
        except TypeError as e:
            print(repr(e))
    th.cancel()
    f.cancel()
    await g

asyncio.run(main())
