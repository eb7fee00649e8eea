"""Write model/data/stdlib_frames.txt: where asyncio's own Python frames stand in each
installed CPython, for the tracebacks the model prints (SPEC M5).

Each line: `<minor> <key> <file> <line> <col> <end_col> <function> | <source line>`, where
the columns are those of the expression CPython's traceback points at (`co_positions`), for
the frames an exception passes through on its way out of asyncio's code. Keys name a
statement: `runners.run` is the `return ...run_until_complete(...)` line of `asyncio.run`.

Run (with a Python that parses every version's stdlib, 3.13 for 3.14/3.15):
$(pyenv root)/versions/3.13.0/bin/python oracle/gen_stdlib_frames.py > model/data/stdlib_frames.txt"""
import ast, os, subprocess

# key -> (file, qualified function, predicate on the statement's source text)
TARGETS = {
    "runners.run": ("runners.py", "run", lambda s: "run_until_complete(main)" in s or "runner.run(main)" in s),
    "runners.Runner.run": ("runners.py", "Runner.run", lambda s: "self._loop.run_until_complete(task)" in s),
    # What asyncio.run raises for a main that is not a coroutine: runners.run's ValueError
    # (3.7-3.10), Runner.run's ValueError (3.11-3.13) or TypeError (3.14+).
    "runners.run.not_coroutine": ("runners.py", "run", lambda s: 'raise ValueError("a coroutine was expected' in s),
    "runners.Runner.run.not_coroutine": ("runners.py", "Runner.run", lambda s: 'raise ValueError("a coroutine was expected' in s or "raise TypeError('An asyncio.Future, a coroutine or an '" in s),
    "base_events.run_until_complete": ("base_events.py", "BaseEventLoop.run_until_complete", lambda s: s.strip() == "return future.result()"),
    # create_task's call on to the loop's, and the loop's Task(...) (an argument Task rejects).
    "tasks.create_task": ("tasks.py", "create_task", lambda s: "loop.create_task(coro" in s and "context=context" not in s),
    "base_events.BaseEventLoop.create_task": ("base_events.py", "BaseEventLoop.create_task", lambda s: "tasks.Task(coro, loop=self" in s),
    # The loop's call of its task factory (without context=), and set_task_factory's check.
    "base_events.BaseEventLoop.create_task.factory": ("base_events.py", "BaseEventLoop.create_task", lambda s: "self._task_factory(self, coro" in s and "context=context" not in s),
    "base_events.BaseEventLoop.set_task_factory": ("base_events.py", "BaseEventLoop.set_task_factory", lambda s: "raise TypeError('task factory must be a callable or None')" in s),
    # The loop's checks of itself (3.7.16 spells _check_running "_check_runnung"), and the
    # lines of its methods that call them.
    "base_events._check_closed": ("base_events.py", "BaseEventLoop._check_closed", lambda s: "raise RuntimeError('Event loop is closed')" in s),
    "base_events._check_running.running": ("base_events.py", ("BaseEventLoop._check_running", "BaseEventLoop._check_runnung"), lambda s: "This event loop is already running" in s),
    "base_events._check_running.other": ("base_events.py", ("BaseEventLoop._check_running", "BaseEventLoop._check_runnung"), lambda s: "Cannot run the event loop while another loop is running" in s),
    "base_events.run_forever.setup": ("base_events.py", "BaseEventLoop.run_forever", lambda s: s.strip() == "self._run_forever_setup()"),
    "base_events.call_later.call_at": ("base_events.py", "BaseEventLoop.call_later", lambda s: "self.call_at(self.time() + delay" in s),
    **{f"base_events.{f}.{check}": ("base_events.py", f"BaseEventLoop.{f}", (lambda c: lambda s: s.strip() in c)(calls))
       for f in ("run_until_complete", "run_forever", "_run_forever_setup", "call_soon", "call_at", "create_task")
       for check, calls in (("check_closed", ("self._check_closed()",)),
                            ("check_running", ("self._check_running()", "self._check_runnung()")))},
    # bpo-46672 (3.7/3.8): gather's callback reads `outer` before gather assigned it.
    "tasks.gather._done_callback.outer": ("tasks.py", "gather._done_callback", lambda s: s.strip() == "if outer.done():"),
    # gather's `ensure_future(arg, loop=loop)` (3.9: in `_gather`, which gather returns;
    # 3.10-3.11: `_ensure_future`), and what it raises: a Future of another loop, or an
    # argument that is not awaitable.
    "tasks.gather.ensure_future": ("tasks.py", ("gather", "_gather"), lambda s: "ensure_future(arg, loop=loop)" in s),
    "tasks.gather.to_gather": ("tasks.py", "gather", lambda s: "return _gather(" in s),
    "tasks.ensure_future.value_error": ("tasks.py", ("ensure_future", "_ensure_future"), lambda s: "raise ValueError(" in s and "loop" in s),
    "tasks.ensure_future.to_inner": ("tasks.py", "ensure_future", lambda s: "return _ensure_future(" in s),
    "tasks.ensure_future.type_error": ("tasks.py", ("ensure_future", "_ensure_future"), lambda s: "raise TypeError('An asyncio.Future" in s),
    "tasks.sleep": ("tasks.py", "sleep", lambda s: s.strip() == "return await future"),
    "tasks.sleep.sleep0": ("tasks.py", "sleep", lambda s: s.strip() == "await __sleep0()"),
    "tasks.__sleep0": ("tasks.py", "__sleep0", lambda s: s.strip() == "yield"),
    "tasks.wait": ("tasks.py", "wait", lambda s: "return await _wait(" in s),
    "tasks._wait": ("tasks.py", "_wait", lambda s: s.strip() == "await waiter"),
    "tasks.wait_for.await": ("tasks.py", "wait_for", lambda s: s.strip() == "return await fut"),
    "tasks._cancel_and_wait": ("tasks.py", "_cancel_and_wait", lambda s: s.strip() == "await waiter"),
    "timeouts.__aexit__": ("timeouts.py", "Timeout.__aexit__", lambda s: "raise TimeoutError from exc_val" in s),
    # asyncio's pure-Python modules, as model/src/asyncio/py/*.py annotate them ("frame: KEY").
    "locks._ContextManagerMixin.__aenter__": ("locks.py", "_ContextManagerMixin.__aenter__", lambda s: s.strip() == "await self.acquire()"),
    "locks._ContextManagerMixin.__iter__": ("locks.py", "_ContextManagerMixin.__iter__", lambda s: s.strip() == "yield from self.acquire()"),
    "locks._ContextManager.__exit__": ("locks.py", "_ContextManager.__exit__", lambda s: s.strip() == "self._lock.release()"),
    "locks.Barrier.__init__": ("locks.py", "Barrier.__init__", lambda s: "raise ValueError('parties must be" in s),
    "locks.Barrier.__aenter__": ("locks.py", "Barrier.__aenter__", lambda s: s.strip() == "return await self.wait()"),
    "locks.Barrier.wait.block": ("locks.py", "Barrier.wait", lambda s: s.strip().startswith("await self._block()")),
    "locks.Barrier.wait.wait": ("locks.py", "Barrier.wait", lambda s: s.strip().startswith("await self._wait()")),
    "locks.Barrier._block": ("locks.py", "Barrier._block", lambda s: 'raise exceptions.BrokenBarrierError("Barrier aborted")' in s),
    "locks.Barrier._wait": ("locks.py", "Barrier._wait", lambda s: 'raise exceptions.BrokenBarrierError("Abort or reset of barrier")' in s),
    "locks.Lock.acquire": ("locks.py", "Lock.acquire", lambda s: s.strip() == "await fut"),
    "locks.Lock.release": ("locks.py", "Lock.release", lambda s: "raise RuntimeError('Lock is not acquired.')" in s),
    "locks.Event.wait": ("locks.py", "Event.wait", lambda s: s.strip() == "await fut"),
    "locks.Condition.wait": ("locks.py", "Condition.wait", lambda s: s.strip() == "await fut"),
    "locks.Condition.wait.unacquired": ("locks.py", "Condition.wait", lambda s: "raise RuntimeError('cannot wait on un-acquired lock')" in s),
    "locks.Condition.notify": ("locks.py", "Condition.notify", lambda s: "raise RuntimeError('cannot notify on un-acquired lock')" in s),
    "locks.Condition.wait_for": ("locks.py", "Condition.wait_for", lambda s: s.strip() == "await self.wait()"),
    "locks.Semaphore.acquire": ("locks.py", "Semaphore.acquire", lambda s: s.strip() == "await fut"),
    "locks.Semaphore.__init__": ("locks.py", "Semaphore.__init__", lambda s: "raise ValueError(\"Semaphore initial value must be >= 0\")" in s or "raise ValueError('Semaphore initial value must be >= 0')" in s),
    "locks.BoundedSemaphore.release": ("locks.py", "BoundedSemaphore.release", lambda s: "raise ValueError('BoundedSemaphore released too many times')" in s),
    "queues.Queue.put": ("queues.py", "Queue.put", lambda s: s.strip() == "await putter"),
    "queues.Queue.put.nowait": ("queues.py", "Queue.put", lambda s: s.strip() == "return self.put_nowait(item)"),
    "queues.Queue.put_nowait": ("queues.py", "Queue.put_nowait", lambda s: s.strip() == "raise QueueFull"),
    "queues.Queue.put_nowait.shutdown": ("queues.py", "Queue.put_nowait", lambda s: s.strip() == "raise QueueShutDown"),
    "queues.Queue.get": ("queues.py", "Queue.get", lambda s: s.strip() == "await getter"),
    "queues.Queue.get.nowait": ("queues.py", "Queue.get", lambda s: s.strip() == "return self.get_nowait()"),
    "queues.Queue.get.shutdown": ("queues.py", "Queue.get", lambda s: s.strip() == "raise QueueShutDown"),
    "queues.Queue.put.shutdown": ("queues.py", "Queue.put", lambda s: s.strip() == "raise QueueShutDown"),
    "queues.Queue.get_nowait": ("queues.py", "Queue.get_nowait", lambda s: s.strip() == "raise QueueEmpty"),
    "queues.Queue.get_nowait.shutdown": ("queues.py", "Queue.get_nowait", lambda s: s.strip() == "raise QueueShutDown"),
    "queues.Queue.task_done": ("queues.py", "Queue.task_done", lambda s: "raise ValueError('task_done() called too many times')" in s),
    "queues.Queue.join": ("queues.py", "Queue.join", lambda s: s.strip() == "await self._finished.wait()"),
    "coroutines.coroutine.coro.call": ("coroutines.py", "coroutine.coro", lambda s: s.strip() == "res = func(*args, **kw)"),
    "coroutines.coroutine.coro.yield_from": ("coroutines.py", "coroutine.coro", lambda s: s.strip() == "res = yield from res"),
    "tasks.as_completed._wait_for_one.get": ("tasks.py", "as_completed._wait_for_one", lambda s: s.strip() == "f = await done.get()"),
    "tasks.as_completed._wait_for_one.timeout": ("tasks.py", "as_completed._wait_for_one", lambda s: s.strip() in ("raise exceptions.TimeoutError", "raise futures.TimeoutError")),
    "tasks.as_completed._wait_for_one.result": ("tasks.py", "as_completed._wait_for_one", lambda s: s.strip().startswith("return f.result()")),
    "tasks._AsCompletedIterator.__anext__": ("tasks.py", "_AsCompletedIterator.__anext__", lambda s: s.strip() == "return await self._wait_for_one()"),
    "tasks._AsCompletedIterator._wait_for_one.get": ("tasks.py", "_AsCompletedIterator._wait_for_one", lambda s: s.strip() == "f = await self._done.get()"),
    "tasks._AsCompletedIterator._wait_for_one.timeout": ("tasks.py", "_AsCompletedIterator._wait_for_one", lambda s: s.strip() == "raise exceptions.TimeoutError"),
    "tasks._AsCompletedIterator._wait_for_one.result": ("tasks.py", "_AsCompletedIterator._wait_for_one", lambda s: s.strip() == "return f.result() if resolve else f"),
    "timeouts.Timeout.reschedule.created": ("timeouts.py", "Timeout.reschedule", lambda s: "raise RuntimeError(\"Timeout has not been entered\")" in s),
    "timeouts.Timeout.reschedule.state": ("timeouts.py", "Timeout.reschedule", lambda s: "Cannot change state of" in s),
    "timeouts.Timeout.__aenter__.entered": ("timeouts.py", "Timeout.__aenter__", lambda s: "Timeout has already been entered" in s),
    "timeouts.Timeout.__aenter__.task": ("timeouts.py", "Timeout.__aenter__", lambda s: "Timeout should be used inside a task" in s),
    "taskgroups.TaskGroup.__aenter__.entered": ("taskgroups.py", "TaskGroup.__aenter__", lambda s: "has already been entered" in s),
    "taskgroups.TaskGroup.__aenter__.parent": ("taskgroups.py", "TaskGroup.__aenter__", lambda s: "cannot determine the parent task" in s),
    "taskgroups.TaskGroup.__aexit__.wait": ("taskgroups.py", "TaskGroup.__aexit__", lambda s: s.strip() == "await self._on_completed_fut"),
    "taskgroups.TaskGroup.__aexit__.base_error": ("taskgroups.py", "TaskGroup.__aexit__", lambda s: s.strip() == "raise self._base_error"),
    "taskgroups.TaskGroup.__aexit__.cancelled": ("taskgroups.py", "TaskGroup.__aexit__", lambda s: s.strip() == "raise propagate_cancellation_error"),
    "taskgroups.TaskGroup.__aexit__.group": ("taskgroups.py", "TaskGroup.__aexit__", lambda s: s.strip() == "raise me from None"),
    "taskgroups.TaskGroup.__aexit__.aexit": ("taskgroups.py", "TaskGroup.__aexit__", lambda s: s.strip() == "return await self._aexit(et, exc)"),
    "taskgroups.TaskGroup._aexit.wait": ("taskgroups.py", "TaskGroup._aexit", lambda s: s.strip() == "await self._on_completed_fut"),
    "taskgroups.TaskGroup._aexit.base_error": ("taskgroups.py", "TaskGroup._aexit", lambda s: s.strip() == "raise self._base_error"),
    "taskgroups.TaskGroup._aexit.cancelled": ("taskgroups.py", "TaskGroup._aexit", lambda s: s.strip() == "raise propagate_cancellation_error"),
    "taskgroups.TaskGroup._aexit.generator_exit": ("taskgroups.py", "TaskGroup._aexit", lambda s: s.strip() == "raise exc"),
    "taskgroups.TaskGroup._aexit.group": ("taskgroups.py", "TaskGroup._aexit", lambda s: s.strip().startswith("raise BaseExceptionGroup(")),
    "taskgroups.TaskGroup.create_task.entered": ("taskgroups.py", "TaskGroup.create_task", lambda s: "has not been entered" in s),
    "taskgroups.TaskGroup.create_task.finished": ("taskgroups.py", "TaskGroup.create_task", lambda s: "is finished" in s),
    "taskgroups.TaskGroup.create_task.aborting": ("taskgroups.py", "TaskGroup.create_task", lambda s: "is shutting down" in s),
    "asyncio.__getattr__": ("__init__.py", "__getattr__", lambda s: "has no attribute" in s and "raise AttributeError" in s),
    "events.Handle._run": ("events.py", "Handle._run", lambda s: "self._context.run(self._callback, *self._args)" in s),
    "base_events._run_once": ("base_events.py", "BaseEventLoop._run_once", lambda s: s.strip() == "handle._run()"),
    "base_events.run_forever": ("base_events.py", "BaseEventLoop.run_forever", lambda s: s.strip() == "self._run_once()"),
    "base_events.run_until_complete.run_forever": ("base_events.py", "BaseEventLoop.run_until_complete", lambda s: s.strip() == "self.run_forever()"),
}

# key -> (file, qualified name of a function): the line of its `def` (co_firstlineno), for
# reprs of callbacks (`gather.<locals>._done_callback() at .../tasks.py:767`).
# The function field is the `__qualname__` (`gather.<locals>._done_callback`; 3.9 had the
# closure in `_gather`).
DEFS = {
    "def:tasks.gather._done_callback": ("tasks.py", ["gather._done_callback", "_gather._done_callback"]),
    "def:tasks._wait._on_completion": ("tasks.py", ["_wait._on_completion"]),
    "def:tasks._release_waiter": ("tasks.py", ["_release_waiter"]),
    "def:base_events._run_until_complete_cb": ("base_events.py", ["_run_until_complete_cb"]),
    "def:futures._set_result_unless_cancelled": ("futures.py", ["_set_result_unless_cancelled"]),
    "def:tasks.shield._inner_done_callback": ("tasks.py", ["shield._inner_done_callback"]),
    "def:tasks.shield._outer_done_callback": ("tasks.py", ["shield._outer_done_callback"]),
    "def:tasks.as_completed._on_completion": ("tasks.py", ["as_completed._on_completion"]),
    "def:tasks.shield._clear_awaited_by_callback": ("tasks.py", ["shield._clear_awaited_by_callback"]),
    "def:tasks._log_on_exception": ("tasks.py", ["_log_on_exception"]),
}

def functions(tree):
    """qualified name -> def node, for every function (nested ones as outer.inner)."""
    out = {}
    def walk(node, prefix):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                out.setdefault(prefix + child.name, child)
                walk(child, prefix + child.name + ".")
            elif isinstance(child, ast.ClassDef):
                walk(child, prefix + child.name + ".")
            else:
                walk(child, prefix)
    walk(tree, "")
    return out

def statements(tree):
    """(qualname, node) for every statement inside every function."""
    out = []
    def walk(node, prefix):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                q = prefix + child.name
                for st in ast.walk(child):
                    if isinstance(st, ast.stmt) and st is not child:
                        out.append((q, st, child))
                walk(child, q + ".")
            elif isinstance(child, ast.ClassDef):
                walk(child, prefix + child.name + ".")
            elif isinstance(child, ast.stmt):
                # A def under an `if` (coroutines.py's `coro`) is still its function's.
                walk(child, prefix)
    walk(tree, "")
    return out

def wait_for_rows(tree, lines):
    """The statements of wait_for() an exception can leave it from, by role: `zero.*` in the
    `timeout <= 0` branch, `main.*` after `await waiter`, `cancelled.*` in its except
    handler; `*.done` the `return fut.result()` of a done future, `*.result` the one after
    `_cancel_and_wait`, `*.raise` / `*.raise_plain` the TimeoutError raised (with and
    without `from exc`), `async_with` the `async with timeouts.timeout(...)` line (3.12+)."""
    fn = functions(tree)["wait_for"]
    rows = {}
    def is_timeout_raise(st):
        return isinstance(st, ast.Raise) and st.exc is not None and "TimeoutError" in ast.unparse(st.exc)
    def is_result(st):
        return isinstance(st, (ast.Return, ast.Expr)) and st.value is not None and ast.unparse(st.value) == "fut.result()"
    def visit(body, zero, in_try, in_handler):
        for st in body:
            branch = "zero" if zero else ("cancelled" if in_handler else "main")
            if is_result(st):
                key = branch + (".result" if in_try else ".done")
                rows.setdefault(key, st)
            elif is_timeout_raise(st):
                key = branch + (".raise" if st.cause is not None else ".raise_plain")
                rows.setdefault(key, st)
            elif isinstance(st, ast.AsyncWith):
                rows.setdefault("async_with", st)
                visit(st.body, zero, in_try, in_handler)
            elif isinstance(st, ast.If):
                test = ast.unparse(st.test)
                z = zero or "timeout <= 0" in test
                visit(st.body, z, in_try, in_handler)
                visit(st.orelse, zero, in_try, in_handler)
            elif isinstance(st, ast.Try):
                # The try around `await waiter` is the main path's, not a result's try.
                inner = any(is_result(x) for x in st.body)
                visit(st.body, zero, in_try or inner, in_handler)
                for h in st.handlers:
                    visit(h.body, zero, False, in_handler or not inner)
                visit(st.orelse, zero, in_try, in_handler)
                visit(st.finalbody, zero, in_try, in_handler)
    visit(fn.body, False, False, False)
    return rows

def position(st):
    """The columns CPython's traceback shows for a frame stopped at `st`."""
    node = st
    if isinstance(st, ast.Return) and st.value is not None:
        node = st.value
    elif isinstance(st, ast.Expr):
        node = st.value
    elif isinstance(st, ast.Assign) and isinstance(st.value, ast.Call):
        node = st.value
    elif isinstance(st, ast.AsyncWith):
        node = st.items[0].context_expr
    elif isinstance(st, ast.If):
        node = st.test
    return node.col_offset, node.end_col_offset

def main():
    import sys
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from interpreters import interpreters
    print("# generated by oracle/gen_stdlib_frames.py: version key file line col end_col function | source")
    for label, _argv, stdlib in interpreters():
        minor = int(label.split(".")[0])
        lib = os.path.join(stdlib, "asyncio")
        # The column is the version: the minor number, or minor.patch where the model follows
        # two patch releases of one minor version.
        version = label
        trees = {}
        for key, (fname, func, pred) in TARGETS.items():
            path = os.path.join(lib, fname)
            if not os.path.exists(path):
                continue
            if fname not in trees:
                src = open(path).read()
                trees[fname] = (src.splitlines(), statements(ast.parse(src)))
            lines, stmts = trees[fname]
            # An `if` is matched on its header line, and stands for its test.
            found = [(q, st, f) for q, st, f in stmts if (q in func if isinstance(func, tuple) else q == func)
                     and ((pred("\n".join(lines[st.lineno - 1:st.end_lineno]))
                           and not isinstance(st, (ast.If, ast.Try, ast.With, ast.AsyncWith, ast.For, ast.While)))
                          or (isinstance(st, ast.If) and pred(lines[st.lineno - 1])))]
            for q, st, f in found[:1]:
                # A statement over several lines keeps them all, `\n`-separated; the end
                # column is on the last.
                node = st.value if isinstance(st, (ast.Return, ast.Expr)) and st.value is not None else st
                if isinstance(st, ast.Assign) and isinstance(st.value, ast.Call):
                    node = st
                if isinstance(st, ast.If):
                    node = st.test
                text = "\\n".join(lines[node.lineno - 1:node.end_lineno])
                c0, c1 = position(st)
                lineno = st.lineno
                if minor == 7:
                    # 3.7's line of an instruction is the furthest line any expression
                    # compiled before it starts on (the compiler's line only moves forward).
                    lineno = max(n.lineno for n in ast.walk(node) if isinstance(n, ast.expr))
                    text = lines[lineno - 1]
                print(version, key, fname, lineno, c0, c1, f.name, "|", text)
        src = open(os.path.join(lib, "tasks.py")).read()
        for role, st in sorted(wait_for_rows(ast.parse(src), src.splitlines()).items()):
            text = src.splitlines()[st.lineno - 1]
            c0, c1 = position(st)
            if role == "async_with" and minor == 12:
                # 3.12 locates the call of __aexit__ at the whole `async with` statement
                # (13+ at its context expression): every line of it, `\n`-separated.
                c0, c1 = st.col_offset, st.end_col_offset
                text = "\\n".join(src.splitlines()[st.lineno - 1:st.end_lineno])
            print(version, "tasks.wait_for." + role, "tasks.py", st.lineno, c0, c1, "wait_for", "|", text)
        for key, (fname, candidates) in DEFS.items():
            path = os.path.join(lib, fname)
            src = open(path).read()
            fns = functions(ast.parse(src))
            for func in candidates:
                node = fns.get(func)
                if node is None:
                    continue
                line = node.decorator_list[0].lineno if node.decorator_list else node.lineno
                text = src.splitlines()[line - 1]
                qualname = func.replace(".", ".<locals>.")
                print(version, key, fname, line, 0, 0, qualname, "|", text)
                break

main()
