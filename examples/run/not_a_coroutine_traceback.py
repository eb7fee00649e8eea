# aiospec: description = The traceback of asyncio.run(1): from runners.run on 3.7-3.10; through Runner.run from 3.11, where 3.14 raises TypeError instead of ValueError.
# aiospec: rules = X1
import asyncio

asyncio.run(1)
