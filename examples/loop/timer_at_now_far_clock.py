# aiospec: description = A timer at the clock's own reading far from 0 (2e7 s, where 1 ns is below one ulp): up to 3.14 it is never due (time + resolution == time), so the program ends without it; 3.15 takes one ulp as the margin and runs it.
# aiospec: rules = L4
import asyncio
async def main():
    loop = asyncio.get_running_loop()
    await asyncio.sleep(2e7)
    print(loop.time())
    loop.call_at(loop.time(), print, "at now")
    loop.call_later(1e-12, print, "later tiny")
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(loop.time())
asyncio.run(main())
