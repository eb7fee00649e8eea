# aiospec: description = list(as_completed({a, b}, loop=loop)) of sleep(0.05, 'a') and sleep(0.10, 'b'), taken outside the running loop (the loop argument names it; deprecated in 3.8 and 3.9): run_until_complete of the second future gives 'a' at 0.05, then of the first 'b' at 0.10.
# aiospec: python = 3.7-3.9
# aiospec: rules = AC1 L8
# aiospec: cites = test_tasks.py::BaseTaskTests::test_as_completed_reverse_wait
import asyncio

loop = asyncio.new_event_loop()
a = asyncio.sleep(0.05, 'a')
b = asyncio.sleep(0.10, 'b')
fs = {a, b}
futs = list(asyncio.as_completed(fs, loop=loop))
print(len(futs))
x = loop.run_until_complete(futs[1])
print(x, f'{loop.time():.2f}')
y = loop.run_until_complete(futs[0])
print(y, f'{loop.time():.2f}')
loop.close()
