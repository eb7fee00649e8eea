# aiospec: description = KeyboardInterrupt raised inside the main coroutine leaves the loop through Handle._run, _run_once, run_forever and run_until_complete; the traceback shows each frame and the exit status is 130 from 3.8.
# aiospec: rules = X7 M5
import asyncio
async def main():
    await asyncio.sleep(0.1)
    raise KeyboardInterrupt
asyncio.run(main())
