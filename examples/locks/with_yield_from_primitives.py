# aiospec: description = 3.7-3.8's `with (yield from primitive)` idiom (deprecated in 3.8, like @asyncio.coroutine and loop=): `yield from` a Lock, Condition or Semaphore in a generator-based coroutine acquires it and gives a context manager whose `with` releases it, once (a second `with` is an AttributeError); a plain `with primitive` is a RuntimeError; inside the block the name is None and the primitive is locked; the repr of a Lock so acquired says [locked].
# aiospec: python = 3.7-3.8
# aiospec: rules = K1 K2 K3 L8
# aiospec: cites = test_locks.py::LockTests::test_context_manager test_locks.py::LockTests::test_context_manager_cant_reuse test_locks.py::LockTests::test_context_manager_no_yield test_locks.py::LockTests::test_lock_by_with_statement test_locks.py::LockTests::test_repr test_locks.py::ConditionTests::test_context_manager test_locks.py::ConditionTests::test_context_manager_no_yield test_locks.py::SemaphoreTests::test_context_manager test_locks.py::SemaphoreTests::test_context_manager_no_yield
import asyncio

loop = asyncio.new_event_loop()


def shape(r):
    head, _, rest = r.partition(' object at ')
    return head, rest[rest.index(' ['):]


@asyncio.coroutine
def acquire(primitive):
    return (yield from primitive)


lock = asyncio.Lock(loop=loop)
with loop.run_until_complete(acquire(lock)):
    print('lock inside', lock.locked())
print('lock after', lock.locked())

cond = asyncio.Condition(loop=loop)
with loop.run_until_complete(acquire(cond)):
    print('cond inside', cond.locked())
print('cond after', cond.locked())

sem = asyncio.Semaphore(2, loop=loop)
with loop.run_until_complete(acquire(sem)):
    print('sem outer', sem.locked(), sem._value)
    with loop.run_until_complete(acquire(sem)):
        print('sem inner', sem.locked())
print('sem after', sem._value)

cm = loop.run_until_complete(acquire(lock))
with cm:
    print('reuse first', lock.locked())
print('reuse after', lock.locked())
try:
    with cm:
        pass
except AttributeError as e:
    print('reuse again: AttributeError', e)

for p in (lock, cond, sem):
    try:
        with p:
            print('RuntimeError is not raised in with expression')
    except RuntimeError as err:
        print(type(p).__name__, 'RuntimeError', err)
print('after plain with', lock.locked(), cond.locked(), sem._value)


@asyncio.coroutine
def test(lock):
    yield from asyncio.sleep(0.01)
    states = [lock.locked()]
    with (yield from lock) as _lock:
        states += [_lock is None, lock.locked()]
        yield from asyncio.sleep(0.01)
        states.append(lock.locked())
    states.append(lock.locked())
    return states

for p in [asyncio.Lock(loop=loop), asyncio.Condition(loop=loop),
          asyncio.Semaphore(loop=loop), asyncio.BoundedSemaphore(loop=loop)]:
    print(type(p).__name__, loop.run_until_complete(test(p)), p.locked())

lock = asyncio.Lock(loop=loop)
print(shape(repr(lock)))


@asyncio.coroutine
def acquire_lock():
    yield from lock

loop.run_until_complete(acquire_lock())
print(shape(repr(lock)))
loop.close()
