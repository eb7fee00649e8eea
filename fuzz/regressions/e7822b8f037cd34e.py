# aiospec: description = gather returns results in argument order, not completion order.
# aiospec: rules = G1 G9
# aiospec: cites = test_tasks.py::GatherTestsBase::test_success
import asyncio


print(list(zip(*[range(10**18)] * 501))[:1])
async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def main():
    print(len('x' * 1000))
    r / await asyncio.gather(work('slow', 0.5), work('%.1000000f' % 1.0, 0.25))
    print(r)

asyncio.run(main())
