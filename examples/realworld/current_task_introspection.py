# aiospec: description = tasks introspect themselves with asyncio.current_task() and compare it with the Task objects held by main (identity via ==/in, no ids printed); a task cancels itself and another checks done() on siblings; notice current_task() in main versus in the children
# aiospec: python = 3.7-3.15
import asyncio

registry = {}


async def job(label, delay, siblings):
    me = asyncio.current_task()
    registry[label] = me
    await asyncio.sleep(delay)
    others_done = [name for name, t in siblings.items() if t != me and t.done()]
    print(f"{label}: I am siblings[{label!r}]? {siblings.get(label) == me}; finished before me: {others_done}")
    if label == "quitter":
        me.cancel()
        await asyncio.sleep(0)
        print("not reached: the pending cancel interrupts the sleep above")
    return label.upper()


async def main():
    main_task = asyncio.current_task()
    siblings = {}
    for label, delay in (("alpha", 0.03), ("quitter", 0.02), ("omega", 0.05)):
        siblings[label] = asyncio.create_task(job(label, delay, siblings))
    print("main is one of the children?", main_task in siblings.values())
    results = await asyncio.gather(*siblings.values(), return_exceptions=True)
    print("results:", [r if isinstance(r, str) else type(r).__name__ for r in results])
    print("registry matches:", all(registry[k] == t for k, t in siblings.items()))
    print("main still current:", asyncio.current_task() == main_task, "done:", main_task.done())


asyncio.run(main())
