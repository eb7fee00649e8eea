# aiospec: description = sys.exit() inside the main coroutine: SystemExit leaves the loop, asyncio.run cancels the other task on its way out, and the process exits with the code; nothing is reported.
# aiospec: rules = X7 M5
import asyncio, sys
async def other():
    await asyncio.sleep(1)
async def main():
    t = asyncio.ensure_future(other())
    await asyncio.sleep(0.1)
    print('exiting')
    sys.exit(3)
asyncio.run(main())
