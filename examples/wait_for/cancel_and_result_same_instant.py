# aiospec: description = A task running wait_for(fut, timeout=1) is cancelled by a timer at 0.1 while another timer at 0.1, scheduled first, sets the bare Future: the task's result is 'ok'.
# aiospec: rules = WF3
# aiospec: cites = test_tasks.py::BaseTaskTests::test_wait_for_cancellation_race_condition
import asyncio

loop = asyncio.new_event_loop()
fut = loop.create_future()
loop.call_later(0.1, fut.set_result, "ok")
task = loop.create_task(asyncio.wait_for(fut, timeout=1))
loop.call_later(0.1, task.cancel)
try:
    res = loop.run_until_complete(task)
    print('result', res, f'{loop.time():.2f}')
except asyncio.CancelledError:
    print('CancelledError', f'{loop.time():.2f}')
loop.close()
