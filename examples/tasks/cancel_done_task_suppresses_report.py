# aiospec: description = cancel() on a failed task returns False but clears its _log_traceback: no report.
# aiospec: rules = T8 R4
# aiospec: cites = test_tasks.py::BaseTaskTests::test_tb_logger_not_called_after_cancel
import asyncio


async def fail(name, d):
    await asyncio.sleep(d)
    print(name, 'raising at', d)
    raise ValueError(name)

async def main():
    t = asyncio.create_task(fail('a', 0))
    await asyncio.sleep(0.25)
    print(t.cancel())

asyncio.run(main())
