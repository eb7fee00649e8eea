"""aiospec's CPython oracle: run asyncio programs on a deterministic virtual-time event loop
and print the trace of each, in the model's JSON-lines format.

Standard library only; runs on CPython 3.7 to 3.13. Reads one JSON object per line on stdin:
    {"id": "...", "source": "<program>", "path": "prog.py", "abs_path": "/x/prog.py",
     "impl": "c" | "py"}
and writes one JSON object per line on stdout:
    {"id": "...", "trace": "<json lines>", "hints": {...}}  or  {"id": "...", "error": "..."}

What it makes deterministic (see ../shared/ORACLE-NOTES.md and SPEC L7, M5, M6):
- time: one virtual clock per program, read by every loop and by time.monotonic(),
  perf_counter(), time(); a loop's select(timeout) advances it by timeout (and on to the next
  deadline where that would not reach it); time.sleep() advances it;
- timers with equal deadlines fire in scheduling order (a sequence tie-breaker);
- finalisers: references are dropped and gc.collect() runs twice; reports and warnings are
  compared as a multiset, so when each fires does not matter;
- texts: memory addresses become 0x..., the standard library's directory <stdlib>, and task
  names are numbered from the program's first task.
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
import linecache
import logging
import os
import re
import selectors
import struct
import sys
import time
import traceback
import types
import warnings

STDLIB = os.path.dirname(os.path.dirname(os.path.abspath(asyncio.__file__)))
# An object's address, as reprs show it ("<Foo object at 0x7f...>").
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
TASK_NAME = re.compile(r"Task-(\d+)")
MAXIMUM_SELECT_TIMEOUT = 24 * 3600


def _depth_probe(n):
    try:
        return _depth_probe(n + 1)
    except RecursionError:
        return n


# How deep a program's module-level code can recurse when run as `python program.py`: this
# line runs at the harness's own module level, the same depth (SPEC M2).
STANDALONE_DEPTH = _depth_probe(0)
PROBE_SOURCE = "def d(n):\n try:\n  return d(n + 1)\n except RecursionError:\n  return n\nR = d(0)\n"
ORIG_GETRL = sys.getrecursionlimit
ORIG_SETRL = sys.setrecursionlimit
# Frames the harness keeps below the program (its calls into exec, its asyncio.run wrapper):
# the recursion limit is raised by as many, and the program sees the limit it would see alone.
EXTRA = [0]


def _getrecursionlimit():
    return ORIG_GETRL() - EXTRA[0]


def _setrecursionlimit(n):
    if type(n) is int and n >= 1:
        ORIG_SETRL(n + EXTRA[0])
    else:
        ORIG_SETRL(n)


def _add_extra(k):
    EXTRA[0] += k
    ORIG_SETRL(ORIG_GETRL() + k)


class Clock:
    t = 0.0


CLOCK = Clock()


def _repr(v):
    return repr(v)


class Recorder:
    """Collects the events of one program run."""

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
        self.in_wait_start = None
        self.in_shutdown = False
        self.gather_ids = itertools.count(1)
        self.wait_ids = itertools.count(1)
        self.as_completed_ids = itertools.count(1)
        self.tg_aborts = 0
        self.name_base = 0

    def now(self):
        return CLOCK.t

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
            return {"exception": self.text(_repr(exc))}
        return {"result": self.text(_repr(value))}

    def text(self, s):
        """A text as the model writes it: addresses, the stdlib's directory, task names."""
        s = s.replace(STDLIB + os.sep, "<stdlib>/")
        s = ADDRESS.sub(" at 0x...", s)
        base = self.name_base
        return TASK_NAME.sub(lambda m: "Task-%d" % (int(m.group(1)) - base), s)


REC = None


def coro_label(coro):
    """How traces name a task: its coroutine's name and arguments (`work(1)`)."""
    code = getattr(coro, "cr_code", None) or getattr(coro, "gi_code", None)
    if code is None or code.co_filename != CURRENT_FILE:
        return "%s()" % code_name(coro)
    frame = getattr(coro, "cr_frame", None) or getattr(coro, "gi_frame", None)
    names = code.co_varnames[: code.co_argcount]
    if frame is None:
        return "%s(...)" % code.co_name
    loc = frame.f_locals
    return "%s(%s)" % (code.co_name, ", ".join(_label_repr(loc, n) for n in names))


_LABEL_SCALARS = (int, bool, float, str, type(None))


def _label_repr(loc, name):
    """An argument in a label: the repr of an int, bool, float, str or None, else its type.

    A label must not run the program's own `__repr__` (it could print or raise where the
    program alone runs nothing) nor repr a large container once per task.
    """
    try:
        v = loc[name]
        if type(v) in _LABEL_SCALARS:
            return REC.text(_repr(v))
        return "<%s>" % type(v).__name__
    except Exception:
        return "?"



def code_name(coro):
    code = getattr(coro, "cr_code", None) or getattr(coro, "gi_code", None)
    if code is not None:
        return code.co_name
    return getattr(coro, "__name__", type(coro).__name__)


CURRENT_FILE = "<aiospec>"


def _next_up(x):
    """The least float above x >= 0 (math.nextafter is 3.9+)."""
    return struct.unpack("<d", struct.pack("<q", struct.unpack("<q", struct.pack("<d", x))[0] + 1))[0]


class VirtualSelector(selectors.SelectSelector):
    def __init__(self, loop):
        super().__init__()
        self._aiospec_loop = loop

    def select(self, timeout=None):
        loop = self._aiospec_loop
        earliest = loop._scheduled[0]._when if loop._scheduled else None
        if timeout is None or (timeout > 0 and earliest == float("inf")):
            # Nothing ready, no timer (or one at +inf): real CPython would block forever.
            REC.ordered({"event": "stuck", "t": CLOCK.t})
            loop.stop()
            return []
        CLOCK.t += timeout
        if timeout > 0 and earliest is not None and earliest >= CLOCK.t + _due_margin(loop, CLOCK.t):
            # The 24 h cap on one select, or a clock too large for the resolution to reach
            # the deadline: the clock moves on to the first reading at which the timer is
            # due, as a real clock would (SPEC L7).
            CLOCK.t = earliest
            while earliest >= CLOCK.t + _due_margin(loop, CLOCK.t):
                CLOCK.t = _next_up(CLOCK.t)
        return []


def _due_margin(loop, t):
    """How far past the clock _run_once takes timers as due: the clock resolution, and from
    3.15 at least one ulp of the clock (`end_time = now + max(resolution, ulp(now))`)."""
    if sys.version_info >= (3, 15):
        return max(loop._clock_resolution, _next_up(t) - t)
    return loop._clock_resolution


_seq = itertools.count()


def _timer_handle_named_as_cpython(cls):
    # Handle reprs start with the class name: the harness's subclass keeps CPython's.
    cls.__name__ = cls.__qualname__ = "TimerHandle"
    return cls


@_timer_handle_named_as_cpython
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


def record_task(task, coro):
    """Label a task the loop made, as soon as it is made (before it first runs)."""
    REC.labels[id(task)] = coro_label(coro)
    REC.seqs[id(task)] = next(REC.task_seq)
    entry = REC.watch.pop(id(coro), None)
    if entry is not None:
        REC.watch_orders[entry[0]].append(entry[1])


CAPTURE = logging.getLogger("asyncio")


def exception_handler(loop, context):
    fut = context.get("future", context.get("task"))
    message = context.get("message")
    if isinstance(message, str):
        message = REC.text(message)
    ev = {"event": "report", "message": message, "future": REC.label(fut)}
    if "exception" in context and context["exception"] is not None:
        ev["exception"] = REC.text(_repr(context["exception"]))
    # The text the default handler logs, captured from the asyncio logger.
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(message)s"))
    old = CAPTURE.propagate
    CAPTURE.propagate = False
    CAPTURE.addHandler(handler)
    try:
        loop.default_exception_handler(context)
    finally:
        CAPTURE.removeHandler(handler)
        CAPTURE.propagate = old
    ev["text"] = REC.text(strip_harness_frames(stream.getvalue().rstrip("\n")))
    if "handle" in context:
        # "Exception in callback ...": logged at once, in order with the program's output.
        REC.ordered(ev)
    else:
        REC.final.append(ev)


def strip_harness_frames(text):
    """Drop the harness's own frames (its code runs as '<string>'), with the source line and
    carets 3.11+ show for them, also inside exception-group boxes ("  |   File ...")."""
    out = []
    skipping = None
    for l in text.split("\n"):
        m = re.match(r'^((?:\s*[|+] )?)  File "<string>"', l)
        if m:
            skipping = m.group(1) + "    "
            continue
        if skipping is not None and l.startswith(skipping):
            continue
        skipping = None
        out.append(l)
    return "\n".join(out)


class VirtualLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        super().__init__(VirtualSelector(self))
        self._clock_resolution = 1e-09
        self.set_exception_handler(exception_handler)
        REC.loop = self

    def create_task(self, *args, **kwargs):
        # No task factory: with one, create_task's frames in tracebacks, 3.13.0's task names
        # and 3.14's keyword checks are not a plain loop's. The task is recorded once made;
        # the base class builds `tasks.Task(...)` (the Python class under IMPL "py").
        task = super().create_task(*args, **kwargs)
        record_task(task, args[0] if args else kwargs["coro"])
        return task

    def time(self):
        return CLOCK.t

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
            REC.ordered({"event": "end", "t": CLOCK.t})
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
ORIG_TASK = asyncio.tasks.Task
ORIG_EAGER = getattr(asyncio.tasks, "eager_task_factory", None)
ORIG_TIMER_HANDLE = asyncio.events.TimerHandle
ORIG_GATHER = asyncio.gather
ORIG_WAIT = asyncio.wait
ORIG_AS_COMPLETED = asyncio.as_completed
ORIG_TG_ABORT = getattr(getattr(asyncio, "taskgroups", None), "TaskGroup", None)
ORIG_TG_ABORT = ORIG_TG_ABORT._abort if ORIG_TG_ABORT is not None else None


def as_completed(fs, *args, **kwargs):
    """asyncio.as_completed, recording the order in which `set(fs)` made tasks of its
    coroutines (hint `ac-fs:N`, positions among the arguments, as for wait)."""
    key = "ac-fs:%d" % next(REC.as_completed_ids)
    if not (asyncio.isfuture(fs) or asyncio.iscoroutine(fs)):
        try:
            members = list(fs)
        except TypeError:
            members = []
        else:
            if iter(fs) is fs:
                fs = iter(members)
        REC.watch_orders[key] = []
        for pos, m in enumerate(members):
            if asyncio.iscoroutine(m) and id(m) not in REC.watch:
                REC.watch[id(m)] = (key, pos)
    return ORIG_AS_COMPLETED(fs, *args, **kwargs)


def tg_abort(self):
    """TaskGroup._abort, recording the order it cancels `self._tasks` in (hint
    `tg-abort:N`)."""
    REC.tg_aborts += 1
    REC.hints["tg-abort:%d" % REC.tg_aborts] = [REC.key(t) for t in self._tasks]
    return ORIG_TG_ABORT(self)
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
        else:
            if iter(fs) is fs:
                # A one-shot iterator (a generator on 3.12+): reading it used it up, so
                # wait gets the same members from an iterator of our list.
                if args:
                    args = (iter(members),) + args[1:]
                else:
                    kwargs["fs"] = iter(members)
    REC.watch_orders[wid] = []
    for pos, m in enumerate(members):
        if asyncio.iscoroutine(m) and id(m) not in REC.watch:
            REC.watch[id(m)] = (wid, pos)
    try:
        done, pending = await _first_step_marked(ORIG_WAIT(*args, **kwargs), wid)
    except BaseException as e:
        REC.hints["wait-fs:%d" % wid] = REC.watch_orders.pop(wid, [])
        REC.ordered({"event": "wait", "id": wid, "t": REC.now(), "exception": REC.text(_repr(e))})
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


ORIG_CURRENT_TASK = asyncio.tasks.current_task
# From 3.14 the C module keeps its own task registry, which the Python tasks do not join:
# the pure-Python implementation answers with the Python functions, as it would without
# _asyncio.
PY_REGISTRY = sys.version_info >= (3, 14)


def all_tasks(loop=None):
    tasks = (asyncio.tasks._py_all_tasks if IMPL == "py" and PY_REGISTRY else ORIG_ALL_TASKS)(loop)
    REC.all_tasks_calls += 1
    REC.in_shutdown = True
    REC.hints["all_tasks:%d" % REC.all_tasks_calls] = [REC.key(t) for t in tasks]
    return tasks


def run(main, **kwargs):
    _add_extra(1)
    try:
        result = ORIG_RUN(main, **kwargs)
    except BaseException as e:
        _add_extra(-1)
        # all_tasks() found nothing to cancel: no shutdown gather took the mark.
        REC.in_shutdown = False
        REC.events.append({"event": "main", "outcome": {"exception": REC.text(_repr(e))}})
        raise
    _add_extra(-1)
    REC.in_shutdown = False
    REC.events.append({"event": "main", "outcome": {"result": REC.text(_repr(result))}})
    return result


def make_print():
    def aiospec_print(*args, sep=" ", end="\n", file=None, flush=False):
        text = (" " if sep is None else sep).join(str(a) for a in args)
        ev = {"event": "print", "t": REC.now(), "text": REC.text(text)}
        if end is not None and end != "\n":
            ev["end"] = REC.text(end)
        REC.ordered(ev)
    return aiospec_print


# The clocks a program reads, made virtual (SPEC M6).
ORIG_TIME = {n: getattr(time, n) for n in ("monotonic", "perf_counter", "time", "monotonic_ns", "perf_counter_ns", "time_ns", "sleep")}


def _vclock():
    return CLOCK.t


def _vclock_ns():
    return int(round(CLOCK.t * 1e9))


def _vsleep(secs):
    CLOCK.t += secs


def patch_time():
    for n in ("monotonic", "perf_counter", "time"):
        setattr(time, n, _vclock)
    for n in ("monotonic_ns", "perf_counter_ns", "time_ns"):
        setattr(time, n, _vclock_ns)
    time.sleep = _vsleep


def restore_time():
    for n, f in ORIG_TIME.items():
        setattr(time, n, f)


def task_name_base(impl):
    """The number the next automatic task name would take, minus one (names are renumbered
    from the program's first task)."""
    if sys.version_info < (3, 8):
        return 0
    loop = asyncio.new_event_loop()
    try:
        async def probe():
            pass
        coro = probe()
        cls = asyncio.tasks._PyTask if impl == "py" else asyncio.Task
        t = cls(coro, loop=loop)
        n = int(t.get_name().split("-")[1])
        t.cancel()
        coro.close()
        return n
    finally:
        loop.close()


def run_one(source, path, abs_path, impl):
    global REC, IMPL, CURRENT_FILE
    base = task_name_base(impl)
    REC = Recorder()
    REC.name_base = base
    CLOCK.t = 0.0
    IMPL = impl
    filename = abs_path if sys.version_info >= (3, 9) else path
    CURRENT_FILE = filename
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    asyncio.tasks._GatheringFuture = GF_PY if impl == "py" else GF_C
    asyncio.tasks.Task = asyncio.tasks._PyTask if impl == "py" else ORIG_TASK
    # The Task the program names is the one the loop makes (a CPython without _asyncio), and
    # so is the one 3.12+'s eager_task_factory makes.
    asyncio.Task = asyncio.tasks.Task
    if ORIG_EAGER is not None:
        asyncio.eager_task_factory = asyncio.tasks.eager_task_factory = (
            asyncio.tasks.create_eager_task_factory(asyncio.tasks._PyTask) if impl == "py" else ORIG_EAGER)
    # The loop's own call_at makes `events.TimerHandle(...)`: ours breaks ties of `when` in
    # the order the timers were made (no override of call_at, whose frames tracebacks show).
    asyncio.events.TimerHandle = SeqTimerHandle
    asyncio.gather = gather
    asyncio.wait = wait
    asyncio.as_completed = as_completed
    if ORIG_TG_ABORT is not None:
        asyncio.taskgroups.TaskGroup._abort = tg_abort
    asyncio.run = run
    asyncio.tasks.all_tasks = all_tasks
    if impl == "py" and PY_REGISTRY:
        asyncio.tasks.current_task = asyncio.current_task = asyncio.tasks._py_current_task
        asyncio.all_tasks = asyncio.tasks._py_all_tasks
    asyncio.set_event_loop_policy(Policy())
    patch_time()
    printer = make_print()
    ns = {"__name__": "__main__", "__file__": filename, "print": printer,
          "__builtins__": __builtins__}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        exit_tb = None
        status = 0
        probe = {}
        exec(compile(PROBE_SOURCE, filename, "exec"), probe)
        ORIG_SETRL(1000)
        EXTRA[0] = 0
        _add_extra(STANDALONE_DEPTH - probe["R"])
        sys.getrecursionlimit = _getrecursionlimit
        sys.setrecursionlimit = _setrecursionlimit
        try:
            code = compile(source, filename, "exec")
            exec(code, ns)
        except SystemExit as e:
            # What Py_RunMain does with it: no traceback; the code is the status, or is
            # printed (status 1).
            code = e.code
            if code is None:
                status = 0
            elif isinstance(code, int):
                status = int(code)
            else:
                status = 1
                exit_tb = REC.text(str(code)) + "\n"
        except BaseException as e:
            # The interpreter's own display (sys.excepthook's C code), which on 3.10 and 3.11
            # adds "Did you mean" suggestions that traceback.format_exception leaves out.
            err = io.StringIO()
            saved = sys.stderr
            sys.stderr = err
            try:
                sys.__excepthook__(type(e), e, e.__traceback__.tb_next)
            finally:
                sys.stderr = saved
            exit_tb = REC.text(strip_harness_frames(err.getvalue().rstrip("\n"))) + "\n"
            status = 130 if isinstance(e, KeyboardInterrupt) and sys.version_info >= (3, 8) else 1
        finally:
            sys.getrecursionlimit = ORIG_GETRL
            sys.setrecursionlimit = ORIG_SETRL
            ORIG_SETRL(1000)
            EXTRA[0] = 0
            loop = REC.loop
            if loop is not None and not loop.is_closed():
                loop.close()
            REC.events.append({"event": "exit", **({"traceback": exit_tb} if exit_tb else {}),
                               **({"status": status} if status else {})})
            REC.finalizing = True
            ns.clear()
            # A coroutine closed by the collection below (a task destroyed while pending) may
            # still print from its `finally`: into the trace's finalization, as the model
            # has it, not onto the protocol's stdout.
            ns["print"] = printer
            loop = None
            gc.collect()
            gc.collect()
    restore_time()
    for w in caught:
        REC.final.append({"event": "warning", "category": w.category.__name__, "message": REC.text(str(w.message))})
    asyncio.tasks._GatheringFuture = ORIG_GF
    asyncio.tasks.Task = asyncio.Task = ORIG_TASK
    if ORIG_EAGER is not None:
        asyncio.eager_task_factory = asyncio.tasks.eager_task_factory = ORIG_EAGER
    asyncio.events.TimerHandle = ORIG_TIMER_HANDLE
    asyncio.gather = ORIG_GATHER
    asyncio.wait = ORIG_WAIT
    asyncio.as_completed = ORIG_AS_COMPLETED
    if ORIG_TG_ABORT is not None:
        asyncio.taskgroups.TaskGroup._abort = ORIG_TG_ABORT
    for k, order in REC.watch_orders.items():
        if isinstance(k, str):
            REC.hints[k] = order
    asyncio.run = ORIG_RUN
    asyncio.tasks.all_tasks = ORIG_ALL_TASKS
    asyncio.tasks.current_task = asyncio.current_task = ORIG_CURRENT_TASK
    asyncio.all_tasks = ORIG_ALL_TASKS
    asyncio.set_event_loop_policy(None)
    linecache.cache.pop(filename, None)
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
            path = req.get("path", "<aiospec>")
            trace, hints = run_one(req["source"], path, req.get("abs_path", path), req.get("impl", "c"))
            resp = {"id": req["id"], "trace": trace, "hints": hints}
        except BaseException:
            resp = {"id": req["id"], "error": traceback.format_exc()}
        out.write(json.dumps(resp) + "\n")
        out.flush()


if __name__ == "__main__":
    main()
