# aiospec: description = batched uploads with gather(return_exceptions=True) per batch; results are split with isinstance into successes and failures and the run aborts after a batch with too many failures; notice the %-formatted per-batch report and the skipped last batch
# aiospec: python = 3.7-3.15
import asyncio


class UploadError(Exception):
    pass


async def upload(record):
    await asyncio.sleep(0.01 + 0.002 * (record % 7))
    if record % 4 == 0:
        raise UploadError("record %d rejected" % record)
    if record == 13:
        raise TimeoutError("record 13 stalled")
    return record * 2


async def main():
    records = list(range(1, 17))
    size, max_failures = 5, 1
    stored = []
    for start in range(0, len(records), size):
        batch = records[start:start + size]
        results = await asyncio.gather(*map(upload, batch), return_exceptions=True)
        errors = [(r, res) for r, res in zip(batch, results) if isinstance(res, Exception)]
        stored += [res for res in results if not isinstance(res, BaseException)]
        print("batch %-12s ok=%d failed=%d" % (batch, len(batch) - len(errors), len(errors)))
        for rec, exc in errors:
            print("    %s: %s" % (type(exc).__name__, exc))
        if len(errors) > max_failures:
            print("too many failures, aborting at record %d" % batch[-1])
            break
    else:
        print("all batches attempted")
    print("stored:", stored)


asyncio.run(main())
