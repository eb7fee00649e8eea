# aiospec: description = list(as_completed({a, b})) of sleep(0.05, 'a') and sleep(0.10, 'b'): awaiting the second future first gives 'a' at 0.05, then the first gives 'b' at 0.10.
# aiospec: python = 3.10-3.15
# aiospec: rules = AC1
# aiospec: cites = test_tasks.py::BaseTaskTests::test_as_completed_reverse_wait
import asyncio

loop = asyncio.new_event_loop()
a = asyncio.sleep(0.05, 'a')
b = asyncio.sleep(0.10, 'b')
fs = {a, b}


async def test():
    futs = list(asyncio.as_completed(fs))
    print(len(futs))
    x = await futs[1]
    print(x, f'{loop.time():.2f}')
    y = await futs[0]
    print(y, f'{loop.time():.2f}')

loop.run_until_complete(test())
loop.close()
