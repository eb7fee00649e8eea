# aiospec: description = A closed loop refuses work: call_soon, call_later (through call_at), call_at, create_task, run_forever and run_until_complete raise RuntimeError('Event loop is closed') from _check_closed; the uncaught one shows the loop's own frames.
# aiospec: rules = X8
import asyncio


async def c():
    return 1

loop = asyncio.new_event_loop()
print(loop.run_until_complete(c()))
loop.close()
for name in ["call_soon", "call_later", "call_at", "create_task", "run_forever", "run_until_complete"]:
    co = c()
    args = {"call_soon": (print,), "call_later": (1, print), "call_at": (1, print),
            "create_task": (co,), "run_forever": (), "run_until_complete": (co,)}[name]
    try:
        getattr(loop, name)(*args)
    except RuntimeError as e:
        print(name, repr(e))
    co.close()
loop.call_later(0.5, print)
