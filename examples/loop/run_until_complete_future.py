# aiospec: description = loop.run_until_complete on a plain Future completed by a timer: it returns the result; a callback scheduled with call_soon before the loop runs runs first.
# aiospec: rules = X6 F6
import asyncio

loop = asyncio.new_event_loop()
fut = loop.create_future()
loop.call_soon(print, 'first turn')
loop.call_later(2.5, fut.set_result, 'done at 2.5')
print(loop.run_until_complete(fut), loop.time())
loop.close()
