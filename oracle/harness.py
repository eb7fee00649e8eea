"""aiospec's CPython oracle: run exported asyncio programs on a deterministic virtual-time
event loop and print the trace of each, in the model's JSON-lines format.

Standard library only; runs on CPython 3.7 to 3.13. Reads one JSON object per line on stdin:
    {"id": "...", "source": "<python program>", "impl": "c" | "py"}
and writes one JSON object per line on stdout:
    {"id": "...", "trace": "<json lines>"}  or  {"id": "...", "error": "<traceback>"}

What it makes deterministic (see ../shared/ORACLE-NOTES.md):
- time: the loop's clock is virtual; select(timeout) advances it by timeout;
- timers with equal deadlines fire in scheduling order (a sequence tie-breaker);
- finalisers: references are dropped and gc.collect() runs twice; reports and warnings are
  compared as a multiset, so when each fires does not matter.
Everything else is CPython's own code, unpatched: asyncio.gather, wait, Task, Future.
"""

import asyncio
import asyncio.tasks
import asyncio.futures
import gc
import heapq
import io
import itertools
import json
import selectors
import sys
import traceback
import types
import warnings

FILENAME = "<aiospec>"


def _repr(v):
    return repr(v)


class Recorder:
    """Collects the events of one scenario run."""

    def __init__(self):
        self.events = []
        self.final = []
        self.finalizing = False
        self.loop = None
        self.labels = {}  # id(task) -> label
        self.seqs = {}  # id(task) -> creation number (1 for the first task)
        self.task_seq = itertools.count(1)
        self.watch = {}  # id(coroutine) -> (wait id, position among wait()'s arguments)
        self.watch_orders = {}  # wait id -> positions, in the order wait() made their tasks
        # Set orders CPython used, for the model to replay: key -> object keys in order.
        self.hints = {}
        self.all_tasks_calls = 0
        # The wait() whose first step is running (its _wait adds its done callbacks then).
        self.in_wait_start = None
        # asyncio.run's _cancel_all_tasks has called all_tasks(): its gather follows.
        self.in_shutdown = False
        self.gather_ids = itertools.count(1)
        self.wait_ids = itertools.count(1)

    def now(self):
        return self.loop.time() if self.loop is not None else 0.0

    def ordered(self, ev):
        (self.final if self.finalizing else self.events).append(ev)

    def label(self, fut):
        if fut is None:
            return "None"
        gid = getattr(fut, "_aiospec_id", None)
        if gid is not None:
            return "gather#%d" % gid
        lab = self.labels.get(id(fut))
        if lab is not None:
            return lab
        return type(fut).__name__

    def key(self, fut):
        gid = getattr(fut, "_aiospec_id", None)
        if gid is not None:
            return 1000000 + gid
        return self.seqs.get(id(fut), 3000000)

    def outcome(self, value=None, exc=None):
        if exc is not None:
            return {"exception": _repr(exc)}
        return {"result": _repr(value)}


REC = None


def coro_label(coro):
    code = getattr(coro, "cr_code", None) or getattr(coro, "gi_code", None)
    name = getattr(coro, "__qualname__", None) or type(coro).__name__
    if code is None or code.co_filename != FILENAME:
        return "%s()" % name
    frame = getattr(coro, "cr_frame", None) or getattr(coro, "gi_frame", None)
    names = code.co_varnames[: code.co_argcount]
    if frame is None:
        return "%s(...)" % name
    loc = frame.f_locals
    return "%s(%s)" % (name, ", ".join(_repr(loc[n]) for n in names))


class VirtualSelector(selectors.SelectSelector):
    def __init__(self, loop):
        super().__init__()
        self._aiospec_loop = loop

    def select(self, timeout=None):
        loop = self._aiospec_loop
        if timeout is None:
            # Nothing ready, no timer: real CPython would block forever here.
            REC.ordered({"event": "stuck", "t": loop._vtime})
            loop.stop()
            return []
        loop._vtime += timeout
        return []


_seq = itertools.count()


class SeqTimerHandle(asyncio.TimerHandle):
    __slots__ = ("_aiospec_seq",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._aiospec_seq = next(_seq)

    def _key(self):
        return (self._when, self._aiospec_seq)

    def __lt__(self, other):
        return self._key() < other._key()

    def __le__(self, other):
        return self._key() <= other._key()

    def __gt__(self, other):
        return self._key() > other._key()

    def __ge__(self, other):
        return self._key() >= other._key()

    def __hash__(self):
        return hash(self._key())


IMPL = "c"


def task_factory(loop, coro, **kwargs):
    cls = asyncio.tasks._PyTask if IMPL == "py" else asyncio.Task
    task = cls(coro, loop=loop, **kwargs)
    REC.labels[id(task)] = coro_label(coro)
    REC.seqs[id(task)] = next(REC.task_seq)
    entry = REC.watch.pop(id(coro), None)
    if entry is not None:
        REC.watch_orders[entry[0]].append(entry[1])
    return task


def exception_handler(loop, context):
    fut = context.get("future", context.get("task"))
    ev = {"event": "report", "message": context.get("message"), "future": REC.label(fut)}
    if "exception" in context and context["exception"] is not None:
        ev["exception"] = _repr(context["exception"])
    REC.final.append(ev)


class VirtualLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        self._vtime = 0.0
        super().__init__(VirtualSelector(self))
        self._clock_resolution = 1e-09
        self.set_task_factory(task_factory)
        self.set_exception_handler(exception_handler)
        REC.loop = self

    if sys.version_info >= (3, 13):
        # 3.13.0's create_task calls a task factory without the name and then
        # task.set_name(name), which names an unnamed task None. Without a factory (what the
        # model models) it builds Task(coro, loop=self, name=name, context=context): do that,
        # through our factory, so the harness does not change what get_name() returns.
        def create_task(self, coro, *, name=None, context=None):
            self._check_closed()
            return task_factory(self, coro, name=name, context=context)

    def time(self):
        return self._vtime

    def call_at(self, when, callback, *args, context=None):
        self._check_closed()
        timer = SeqTimerHandle(when, callback, args, self, context)
        if timer._source_traceback:
            del timer._source_traceback[-1]
        heapq.heappush(self._scheduled, timer)
        timer._scheduled = True
        return timer

    def call_soon(self, callback, *args, context=None):
        wid = REC.in_wait_start
        if wid is not None and getattr(callback, "__qualname__", "").endswith("_on_completion"):
            # _wait() adding its callback to a future already done: the order of these calls
            # is the iteration order of the set fs.
            REC.hints.setdefault("wait-cb:%d" % wid, []).append(REC.key(args[0]))
        return super().call_soon(callback, *args, context=context)

    def create_future(self):
        if IMPL == "py":
            return asyncio.futures._PyFuture(loop=self)
        return super().create_future()

    def close(self):
        if not self.is_closed():
            REC.ordered({"event": "end", "t": self._vtime})
            REC.finalizing = True
        super().close()


class Policy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self):
        return VirtualLoop()


def _record_gather(fut, outcome):
    ev = {"event": "gather", "id": fut._aiospec_id, "t": REC.now(), "outcome": outcome}
    if getattr(fut, "_aiospec_shutdown", False):
        ev["shutdown"] = True
    REC.ordered(ev)


def _make_gathering_future_classes():
    orig = asyncio.tasks._GatheringFuture

    class GatheringC(orig):
        def __init__(self, *args, **kwargs):
            self._aiospec_id = next(REC.gather_ids)
            self._aiospec_shutdown = REC.in_shutdown
            REC.in_shutdown = False
            super().__init__(*args, **kwargs)

        def set_result(self, result):
            _record_gather(self, REC.outcome(value=result))
            super().set_result(result)

        def set_exception(self, exc):
            _record_gather(self, REC.outcome(exc=exc))
            super().set_exception(exc)

    GatheringC.__name__ = GatheringC.__qualname__ = "_GatheringFuture"

    class GatheringPy(asyncio.futures._PyFuture):
        def __init__(self, children, *, loop=None):
            self._aiospec_id = next(REC.gather_ids)
            self._aiospec_shutdown = REC.in_shutdown
            REC.in_shutdown = False
            super().__init__(loop=loop)
            self._children = children
            self._cancel_requested = False

        cancel = orig.cancel

        def set_result(self, result):
            _record_gather(self, REC.outcome(value=result))
            super().set_result(result)

        def set_exception(self, exc):
            _record_gather(self, REC.outcome(exc=exc))
            super().set_exception(exc)

    GatheringPy.__name__ = GatheringPy.__qualname__ = "_GatheringFuture"
    return orig, GatheringC, GatheringPy


ORIG_GF, GF_C, GF_PY = _make_gathering_future_classes()
ORIG_GATHER = asyncio.gather
ORIG_WAIT = asyncio.wait
ORIG_RUN = asyncio.run


def gather(*args, **kwargs):
    fut = ORIG_GATHER(*args, **kwargs)
    if getattr(fut, "_aiospec_id", None) is None:
        # An empty gather is a plain future, already done.
        fut._aiospec_id = next(REC.gather_ids)
        _record_gather(fut, REC.outcome(value=fut.result()))
    return fut


async def wait(*args, **kwargs):
    wid = next(REC.wait_ids)
    fs = args[0] if args else kwargs.get("fs")
    members = []
    if not (asyncio.isfuture(fs) or asyncio.iscoroutine(fs)):
        try:
            members = list(fs)
        except TypeError:
            pass
    REC.watch_orders[wid] = []
    for pos, m in enumerate(members):
        if asyncio.iscoroutine(m) and id(m) not in REC.watch:
            REC.watch[id(m)] = (wid, pos)
    try:
        done, pending = await _first_step_marked(ORIG_WAIT(*args, **kwargs), wid)
    except BaseException as e:
        REC.hints["wait-fs:%d" % wid] = REC.watch_orders.pop(wid, [])
        REC.ordered({"event": "wait", "id": wid, "t": REC.now(), "exception": _repr(e)})
        raise
    REC.hints["wait-fs:%d" % wid] = REC.watch_orders.pop(wid, [])
    REC.hints["wait-done:%d" % wid] = [REC.key(f) for f in done]
    REC.hints["wait-pending:%d" % wid] = [REC.key(f) for f in pending]
    REC.ordered({
        "event": "wait", "id": wid, "t": REC.now(),
        "done": sorted(REC.label(f) for f in done),
        "pending": sorted(REC.label(f) for f in pending),
    })
    return done, pending


wait.__qualname__ = wait.__name__ = "wait"


@types.coroutine
def _first_step_marked(coro, wid):
    """`yield from coro`, with REC.in_wait_start set during its first step."""
    REC.in_wait_start = wid
    try:
        y = coro.send(None)
    except StopIteration as stop:
        return stop.value
    finally:
        REC.in_wait_start = None
    while True:
        try:
            sent = yield y
        except GeneratorExit:
            coro.close()
            raise
        except BaseException as exc:
            try:
                y = coro.throw(exc)
            except StopIteration as stop:
                return stop.value
        else:
            try:
                y = coro.send(sent)
            except StopIteration as stop:
                return stop.value


ORIG_ALL_TASKS = asyncio.tasks.all_tasks


def all_tasks(loop=None):
    tasks = ORIG_ALL_TASKS(loop)
    REC.all_tasks_calls += 1
    REC.in_shutdown = True
    REC.hints["all_tasks:%d" % REC.all_tasks_calls] = [REC.key(t) for t in tasks]
    return tasks


def run(main, **kwargs):
    try:
        result = ORIG_RUN(main, **kwargs)
    except BaseException as e:
        REC.events.append({"event": "main", "outcome": {"exception": _repr(e)}})
        raise
    REC.events.append({"event": "main", "outcome": {"result": _repr(result)}})
    return result


def make_print():
    def aiospec_print(*args, sep=" ", end="\n", file=None, flush=False):
        text = (" " if sep is None else sep).join(str(a) for a in args)
        REC.ordered({"event": "print", "t": REC.now(), "text": text})
    return aiospec_print


def run_one(source, impl):
    global REC, IMPL
    REC = Recorder()
    IMPL = impl
    asyncio.tasks._GatheringFuture = GF_PY if impl == "py" else GF_C
    asyncio.gather = gather
    asyncio.wait = wait
    asyncio.run = run
    asyncio.tasks.all_tasks = all_tasks
    asyncio.set_event_loop_policy(Policy())
    ns = {"__name__": "__main__", "print": make_print()}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            code = compile(source, FILENAME, "exec")
            exec(code, ns)
        except BaseException:
            pass  # recorded by the run() wrapper
        finally:
            REC.finalizing = True
            loop = REC.loop
            if loop is not None and not loop.is_closed():
                loop.close()
            ns.clear()
            loop = None
            REC.loop_time = REC.now()
            gc.collect()
            gc.collect()
    for w in caught:
        REC.final.append({"event": "warning", "category": w.category.__name__, "message": str(w.message)})
    asyncio.tasks._GatheringFuture = ORIG_GF
    asyncio.gather = ORIG_GATHER
    asyncio.wait = ORIG_WAIT
    asyncio.run = ORIG_RUN
    asyncio.tasks.all_tasks = ORIG_ALL_TASKS
    asyncio.set_event_loop_policy(None)
    lines = [json.dumps(e, separators=(",", ":")) for e in REC.events]
    lines.append('{"event":"finalization"}')
    lines.extend(sorted(json.dumps(e, separators=(",", ":")) for e in REC.final))
    hints = REC.hints
    REC = None
    return "\n".join(lines) + "\n", hints


def main():
    out = sys.stdout
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        req = json.loads(line)
        try:
            trace, hints = run_one(req["source"], req.get("impl", "c"))
            resp = {"id": req["id"], "trace": trace, "hints": hints}
        except BaseException:
            resp = {"id": req["id"], "error": traceback.format_exc()}
        out.write(json.dumps(resp) + "\n")
        out.flush()


if __name__ == "__main__":
    main()
