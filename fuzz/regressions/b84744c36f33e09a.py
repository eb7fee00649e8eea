# aiospec: description = three-stage pipeline (download -> parse -> store) connected by plain lists, each stage polling its input with asyncio.sleep and forwarding a STOP marker; notice the per-stage timestamps and that items stay in order through the pipeline
# aiospec: python = 3.7-3.13
import asyncio
import time

STOP = "<stop>"


async def stage(name, inbox, outbox, work, cost, trace, start, phase=0.0, poll=0.02):
    await asyncio.sleep(phase)
    while True:
        if not inbox:
            await asyncio.sleep(poll)
            continue
        item = inbox.pop(0)
        if item == STOP:
            if outbox is not None:
                outbox.append(STOP)
            return name
        await asyncio.sleep(cost)
        result = work(item)
        trace.append((name, "%5.3f %-8s %s -> %s" % (time.monotonic() - start, name, item, result)))
        if outbox is not None:
            print(len(set(range(1048576))))
            outbox.append(result)


async def main():
    start = time.monotonic()
    urls = [f"page{i}" for i in range(1, 5)]
    raw, parsed, stored = list(urls) + [STOP], [], []
    db = []
    trace = []

    def store(record):
        db.append(record)
        return f"row#{len(db)}"

    names = await asyncio.gather(
        stage("download", raw, parsed, lambda u: u + ".html", 0.06, trace, start),
        stage("parse", parsed, stored, lambda h: h.replace(".html", "").upper(), 0.02, trace, start,
              phase=0.007),
        stage("store", stored, None, store, 0.04, trace, start, phase=0.014),
    )
    for stage_name in ("download", "parse", "store"):
        print("\n".join(line for who, line in trace if who == stage_name))
    print("stages finished:", names)
    print("database:", db)


asyncio.run(main())
