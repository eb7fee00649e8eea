//! asyncio's pure-Python modules (`locks.py`, `queues.py`), as the model runs them: Python
//! written for aiospec after each CPython version's algorithm (`model/src/asyncio/py/`),
//! compiled and run by the model's own interpreter the first time a program reaches one of
//! their names. Version differences are branches on `_minor`. Their frames show in tracebacks
//! as CPython's: a statement annotated `# frame: KEY` is shown as the line of CPython's file
//! that `stdlib_frames.txt` has for KEY; a frame at any other line is refused (SPEC M1).

use std::rc::Rc;

use crate::lang::code::Code;
use crate::lang::exceptions::E;
use crate::lang::interp::Frame;
use crate::lang::object::{Args, Module};
use crate::lang::source::SourceFile;
use crate::lang::value::{PyResult, Value};
use crate::runtime::Runtime;

/// Where the prelude's files say they come from (never shown: frames are mapped).
pub const PRELUDE_PREFIX: &str = "<aiospec>/asyncio/";

/// The prelude modules: (module name, file, source, the names `asyncio` takes from it).
/// `locks.py` implements SPEC K1, K2, K3, K4, K5 (Barrier); `queues.py` implements Q1, Q2; `tasks.py`
/// (shield, as_completed) implements SH1, AC1; `timeouts.py` implements TO1; `taskgroups.py` implements TG1.
const MODULES: &[(&str, &str, &str, &[&str])] = &[
    (
        "asyncio.locks",
        "locks.py",
        include_str!("py/locks.py"),
        &[
            "Lock",
            "Event",
            "Condition",
            "Semaphore",
            "BoundedSemaphore",
            "Barrier",
            "BrokenBarrierError",
        ],
    ),
    (
        "asyncio.queues",
        "queues.py",
        include_str!("py/queues.py"),
        &[
            "Queue",
            "PriorityQueue",
            "LifoQueue",
            "QueueFull",
            "QueueEmpty",
            "QueueShutDown",
        ],
    ),
    (
        "asyncio.coroutines",
        "coroutines.py",
        include_str!("py/coroutines.py"),
        &["coroutine"],
    ),
    (
        "asyncio.tasks",
        "tasks.py",
        include_str!("py/tasks.py"),
        &[
            "shield",
            "as_completed",
            "create_eager_task_factory",
            "eager_task_factory",
        ],
    ),
    (
        "asyncio.timeouts",
        "timeouts.py",
        include_str!("py/timeouts.py"),
        &["timeout", "timeout_at", "Timeout"],
    ),
    (
        "asyncio.taskgroups",
        "taskgroups.py",
        include_str!("py/taskgroups.py"),
        &["TaskGroup"],
    ),
];

/// Is `src` one of the prelude's files?
pub fn is_prelude(src: &SourceFile) -> bool {
    src.path.starts_with(PRELUDE_PREFIX)
}

impl Runtime<'_> {
    /// `asyncio.NAME` for a name a prelude module defines (loading it the first time).
    pub fn asyncio_lazy_attr(&mut self, name: &str) -> PyResult<Option<Value>> {
        let Some((module, ..)) = MODULES
            .iter()
            .find(|(_, _, _, names)| names.contains(&name))
        else {
            return Ok(None);
        };
        let m = self.prelude_module(module)?;
        Ok(m.get(name))
    }

    /// Load prelude module `name` (once per run).
    pub fn prelude_module(&mut self, name: &str) -> PyResult<Rc<Module>> {
        if let Some(m) = self.modules.get(name) {
            return Ok(m.clone());
        }
        let Some((static_name, file, text, _)) = MODULES.iter().find(|(n, ..)| *n == name) else {
            return Err(self.refuse(format!("the asyncio module {name}")));
        };
        let path = format!("{PRELUDE_PREFIX}{file}");
        let code = compiled(static_name, &path, text, self.v);
        let code = match code {
            Ok(c) => c,
            Err(e) => return Err(self.refuse(format!("aiospec's own {file} does not load: {e}"))),
        };
        let m = Module::new(name, Some(&path));
        m.set("__name__", Value::str(name));
        m.set("__builtins__", Value::Module(self.builtins.clone()));
        m.set("_minor", Value::Int(self.v.minor() as i64));
        m.set("_patch", Value::Int(self.v.patch() as i64));
        m.set(
            "_call_exception_handler",
            native("_call_exception_handler", p_call_exception_handler),
        );
        m.set("_running_loop", native("_running_loop", p_running_loop));
        m.set("_refuse", native("_refuse", p_refuse));
        m.set(
            "_check_loop_argument",
            native("_check_loop_argument", p_check_loop_argument),
        );
        m.set(
            "_warn_deprecated_loop",
            native("_warn_deprecated_loop", p_warn_deprecated_loop),
        );
        m.set("_generic_alias", native("_generic_alias", p_generic_alias));
        m.set(
            "_get_event_loop",
            native("_get_event_loop", p_get_event_loop),
        );
        m.set("_hint_key", native("_hint_key", p_hint_key));
        m.set("_set_order", native("_set_order", p_set_order));
        m.set("_keyed_set", native("_keyed_set", p_keyed_set));
        m.set(
            "_warn_deprecation",
            native("_warn_deprecation", p_warn_deprecation),
        );
        m.set(
            "_is_async_function",
            native("_is_async_function", p_is_async_function),
        );
        m.set(
            "_is_generator_function",
            native("_is_generator_function", p_is_generator_function),
        );
        m.set("_is_generator", native("_is_generator", p_is_generator));
        m.set(
            "_types_coroutine",
            native("_types_coroutine", p_types_coroutine),
        );
        self.modules.insert(Rc::from(name), m.clone());
        // The module's own code runs outside the program's frames and budget accounting is
        // shared: a failure here is the model's, refused with its words.
        let saved = self.place.clone();
        let r = self.run_frame(Frame::new(code, m.clone()));
        self.place = saved;
        match r {
            Ok(_) => Ok(m),
            Err(e) => {
                if self.error.is_none() {
                    let r = self.repr(&Value::Instance(e)).unwrap_or_default();
                    return Err(self.refuse(format!("aiospec's own {file} raised {r}")));
                }
                Err(self.refusal_exc())
            }
        }
    }
}

thread_local! {
    /// The prelude's code objects, compiled once per module and version: they depend on
    /// nothing else, and compiling them dominated a short program's run.
    static COMPILED: std::cell::RefCell<std::collections::HashMap<(&'static str, crate::PyVersion), Rc<Code>>> =
        std::cell::RefCell::default();
}

fn compiled(
    name: &'static str,
    path: &str,
    text: &str,
    v: crate::PyVersion,
) -> Result<Rc<Code>, crate::LoadError> {
    if let Some(c) = COMPILED.with(|m| m.borrow().get(&(name, v)).cloned()) {
        return Ok(c);
    }
    let src = SourceFile::new(path, path, text.to_string());
    let code = crate::lang::front::parse_module(&src, v)
        .and_then(|m| crate::lang::compile::compile_module(&src, &m, v))?;
    COMPILED.with(|m| m.borrow_mut().insert((name, v), code.clone()));
    Ok(code)
}

fn native(name: &'static str, f: crate::lang::object::NativeImpl) -> Value {
    Value::Native(Rc::new(crate::lang::object::NativeFn {
        name,
        owner: None,
        this: None,
        f,
    }))
}

/// `events._get_running_loop()`: the running loop or None.
fn p_running_loop(rt: &mut Runtime, _: Option<&Value>, _args: Args) -> PyResult {
    Ok(match (rt.running, rt.current_loop) {
        (true, Some(l)) => super::loop_value(l),
        _ => Value::None,
    })
}

/// `_refuse(what)`: what the prelude does not model.
fn p_refuse(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let what = match args.pos.first() {
        Some(Value::Str(s)) => s.to_string(),
        _ => "something in asyncio's pure-Python modules".into(),
    };
    let _ = E::RuntimeError;
    Err(rt.refuse(what))
}

/// `_check_loop_argument(loop, what)`: a `loop=` argument (3.7-3.9) is the model's current
/// loop, or the run is refused (SPEC L8).
fn p_check_loop_argument(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let (Some(lp), Some(Value::Str(what))) = (args.pos.first(), args.pos.get(1)) else {
        return Err(rt.refuse("_check_loop_argument with these arguments"));
    };
    let what = what.to_string();
    super::loop_argument_is_current(rt, &lp.clone(), &what)?;
    Ok(Value::None)
}

/// `_warn_deprecated_loop()`: 3.8-3.9's DeprecationWarning for a `loop=` argument (SPEC L8);
/// nothing on other versions.
fn p_warn_deprecated_loop(rt: &mut Runtime, _: Option<&Value>, _args: Args) -> PyResult {
    super::warn_loop_deprecated(rt);
    Ok(Value::None)
}

/// `_get_event_loop(what)`: `events.get_event_loop()` (3.10+: `_get_event_loop()`), the
/// running loop or, outside one, the policy's (`policy_event_loop`).
fn p_get_event_loop(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let what = match args.pos.first() {
        Some(Value::Str(s)) => s.to_string(),
        _ => "get_event_loop()".into(),
    };
    let l = super::policy_event_loop(rt, &what)?;
    Ok(super::loop_value(l))
}

/// `_hint_key(prefix)`: `prefix:N` for the N-th call (`ac-fs:2`), the name under which the
/// oracle records a set order CPython used (SPEC L6).
fn p_hint_key(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let Some(Value::Str(prefix)) = args.pos.first() else {
        return Err(rt.refuse("_hint_key with these arguments"));
    };
    let prefix = prefix.to_string();
    let n = rt.hint_counters.entry(prefix.clone()).or_insert(0);
    *n += 1;
    Ok(Value::str(&format!("{prefix}:{n}")))
}

/// `_set_order(fs, key)`: the members of `set(fs)` in an order whose coroutines come in
/// the order CPython made their tasks (an explicit choice named `key`, each coroutine by
/// its first position among `fs`, as wait's W7). Anything but futures and coroutines is
/// `set(fs)` itself.
fn p_set_order(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let (Some(fs), Some(Value::Str(key))) = (args.pos.first(), args.pos.get(1)) else {
        return Err(rt.refuse("_set_order with these arguments"));
    };
    let key = key.to_string();
    let items = rt.iterate(fs)?;
    if !items
        .iter()
        .all(|v| matches!(v, Value::Future(_) | Value::Coro(_)))
    {
        return rt.new_set(items);
    }
    let mut futures = Vec::new();
    let mut coros: Vec<(usize, Value)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (pos, it) in items.into_iter().enumerate() {
        let id = match &it {
            Value::Future(f) => (0, f.0),
            Value::Coro(c) => (1, c.0),
            _ => unreachable!("checked"),
        };
        if !seen.insert(id) {
            continue;
        }
        match it {
            Value::Coro(_) => coros.push((pos, it)),
            other => futures.push(other),
        }
    }
    // Only the coroutines' order is seen (in the names of the tasks made of them).
    if coros.len() < 2 {
        futures.extend(coros.into_iter().map(|(_, c)| c));
        return Ok(Value::list(futures));
    }
    let keys: Vec<u64> = coros.iter().map(|(p, _)| *p as u64).collect();
    let perm = rt.choose_permutation(&key, &keys, "as_completed(): order of set(fs)");
    futures.extend(perm.into_iter().map(|i| coros[i].1.clone()));
    Ok(Value::list(futures))
}

/// `_keyed_set(s, key)`: a copy of set `s` whose iteration order is the explicit choice
/// `key` (replayed from the order CPython used, SPEC L6).
fn p_keyed_set(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let (Some(s), Some(Value::Str(key))) = (args.pos.first(), args.pos.get(1)) else {
        return Err(rt.refuse("_keyed_set with these arguments"));
    };
    let key = key.to_string();
    let items = rt.iterate(s)?;
    if items.len() < 2 {
        // One order only: no choice to name.
        return Ok(s.clone());
    }
    rt.new_keyed_set(items, key)
}

/// `_warn_deprecation(message)`: `warnings.warn(message, DeprecationWarning)`.
fn p_warn_deprecation(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let Some(Value::Str(m)) = args.pos.first() else {
        return Err(rt.refuse("_warn_deprecation with these arguments"));
    };
    let m = m.to_string();
    rt.warn("DeprecationWarning", &m);
    Ok(Value::None)
}

/// The function a prelude helper was given, or None for anything else.
fn function_arg(args: &Args) -> Option<Rc<crate::lang::object::Function>> {
    match args.pos.first() {
        Some(Value::Function(f)) => Some(f.clone()),
        _ => None,
    }
}

/// `inspect.iscoroutinefunction(f)` of a function the program defined (`async def`).
fn p_is_async_function(_rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    Ok(Value::Bool(
        function_arg(&args).is_some_and(|f| f.code.is_coroutine),
    ))
}

/// `inspect.isgeneratorfunction(f)`.
fn p_is_generator_function(_rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    Ok(Value::Bool(function_arg(&args).is_some_and(|f| {
        f.code.is_generator && !f.code.is_coroutine
    })))
}

/// `inspect.isgenerator(x)`: a generator object (not a coroutine).
fn p_is_generator(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    Ok(Value::Bool(matches!(args.pos.first(),
        Some(Value::Coro(c)) if rt.coros[c.0].kind == crate::lang::gen::CoroKind::Generator)))
}

/// `types.coroutine(f)` of a generator function: sets `CO_ITERABLE_COROUTINE`, so its
/// generators may be awaited; the function itself is returned.
fn p_types_coroutine(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    match function_arg(&args) {
        Some(f) if f.code.is_generator && !f.code.is_coroutine => {
            f.iterable_coroutine.set(true);
            Ok(Value::Function(f))
        }
        _ => Err(rt.refuse("types.coroutine of something other than a generator function")),
    }
}

/// `__class_getitem__ = classmethod(GenericAlias)` (3.9+): the model's subscript of a class
/// recognises this marker and makes the opaque type hint (`asyncio.queues.Queue[int]`).
fn p_generic_alias(rt: &mut Runtime, _: Option<&Value>, _args: Args) -> PyResult {
    Err(rt.refuse("calling __class_getitem__ directly"))
}

/// `loop.call_exception_handler({'message': m, 'exception': e, 'future': f})` with the default
/// handler: a report, logged with the future's repr and the exception's traceback.
fn p_call_exception_handler(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let (Some(Value::Str(message)), Some(Value::Instance(e)), Some(Value::Future(f))) =
        (args.pos.first(), args.pos.get(1), args.pos.get(2))
    else {
        return Err(rt.refuse("call_exception_handler with this context"));
    };
    let (message, e, f) = (message.to_string(), e.clone(), *f);
    let text = rt.report_text(&message, "future", f, Some(&e));
    let exception = rt.repr(&Value::Instance(e)).ok();
    let ev = crate::trace::Event::Report {
        message,
        future: rt.futs[f.0].label.clone(),
        exception,
        text,
    };
    rt.tl_report(f, &ev);
    rt.final_events.push(ev);
    Ok(Value::None)
}
