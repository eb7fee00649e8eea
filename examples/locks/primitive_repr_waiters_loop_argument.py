# aiospec: description = The reprs of Event, Condition and Semaphore: `<asyncio.locks.X object at ADDRESS [extras]>` with [unset]/[set], [unlocked]/[locked] and [unlocked, value:1]/[locked], and `waiters:N` once N waiters are queued (objects appended to the private _waiters of the Event and the Condition, as the tests append mocks; real waiting tasks for the Semaphore); here each primitive is made with loop= the running loop, which 3.8 and 3.9 warn is deprecated.
# aiospec: python = 3.8-3.9
# aiospec: rules = K1 K2 K3 L8
# aiospec: cites = test_locks.py::EventTests::test_repr test_locks.py::ConditionTests::test_repr test_locks.py::SemaphoreTests::test_repr
import asyncio


def shape(r):
    # What the tests' RGX_REPR, `^<(?P<class>.*?) object at (?P<address>.*?)\[(?P<extras>.*?)\]>\Z`,
    # takes from a repr (the address differs from run to run).
    if not (r.startswith('<') and r.endswith(']>')) or ' object at ' not in r or '[' not in r:
        return ('no match', r)
    cls, _, rest = r[1:].partition(' object at ')
    return (cls, rest[rest.index('[') + 1:-2])


async def main():
    ev = asyncio.Event(loop=asyncio.get_running_loop())
    print(shape(repr(ev)))
    ev.set()
    print(shape(repr(ev)))
    ev._waiters.append(object())
    print(shape(repr(ev)))

    cond = asyncio.Condition(loop=asyncio.get_running_loop())
    print(shape(repr(cond)))
    await cond.acquire()
    print(shape(repr(cond)))
    cond._waiters.append(object())
    print(shape(repr(cond)))
    cond._waiters.append(object())
    print(shape(repr(cond)))

    sem = asyncio.Semaphore(loop=asyncio.get_running_loop())
    print(shape(repr(sem)))
    await sem.acquire()
    print(shape(repr(sem)))
    t1 = asyncio.create_task(sem.acquire())
    await asyncio.sleep(0)
    print(shape(repr(sem)))
    t2 = asyncio.create_task(sem.acquire())
    await asyncio.sleep(0)
    print(shape(repr(sem)))
    t1.cancel()
    t2.cancel()

asyncio.run(main())
