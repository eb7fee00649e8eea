//! `sys`: the recursion limit (SPEC M2), `exit`, `maxsize`. The rest of CPython's `sys`
//! (`version_info`, `stdout`, ...) is refused where a program touches it (`cpython_attrs`).

use super::super::args::{bind, Param};
use super::super::exceptions::E;
use super::super::object::{Args, Module};
use super::super::value::{PyResult, Value};
use super::module_with;
use crate::runtime::Runtime;
use crate::version::PyVersion;

/// The highest recursion limit the model accepts. CPython takes any int, but a program that
/// really recurses tens of thousands deep crashes some versions' C stack; the model refuses
/// rather than guess where.
pub const MAX_RECURSION_LIMIT: i64 = 20_000;

pub fn module(_v: PyVersion) -> std::rc::Rc<Module> {
    let m = module_with(
        "sys",
        &[
            ("getrecursionlimit", getrecursionlimit),
            ("setrecursionlimit", setrecursionlimit),
            ("exit", exit),
        ],
    );
    m.set("maxsize", Value::Int(i64::MAX));
    m
}

fn getrecursionlimit(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    if !args.pos.is_empty() || !args.kw.is_empty() {
        let msg = format!(
            "sys.getrecursionlimit() takes no arguments ({} given)",
            args.pos.len() + args.kw.len()
        );
        return Err(rt.err(E::TypeError, &msg));
    }
    Ok(Value::Int(rt.config.recursion_limit as i64))
}

fn setrecursionlimit(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let [n] = bind(rt, "setrecursionlimit", args, &[Param::pos("limit")])?;
    if let Value::Float(_) = n {
        return Err(rt.err(E::TypeError, "integer argument expected, got float"));
    }
    let n = match rt.index_i64(&n)? {
        Some(n) => n,
        None => return Err(rt.refuse("a recursion limit beyond 64 bits")),
    };
    if n < 1 {
        return Err(rt.err(
            E::ValueError,
            "recursion limit must be greater or equal than 1",
        ));
    }
    if n > MAX_RECURSION_LIMIT {
        return Err(rt.refuse(format!("a recursion limit above {MAX_RECURSION_LIMIT}")));
    }
    // CPython raises RecursionError when the new limit is at or below the current depth;
    // how it counts that depth differs between versions, so a limit near it is refused.
    if n <= rt.depth as i64 + 50 {
        return Err(rt.refuse("a recursion limit within 50 frames of the current depth"));
    }
    rt.config.recursion_limit = n as u32;
    Ok(Value::None)
}

/// `sys.exit(status=None)`: raises SystemExit (the interpreter turns it into the process's
/// exit status, see `runners::run_main`).
fn exit(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let [status] = bind(rt, "exit", args, &[Param::opt("status", Value::None)])?;
    // `PyErr_SetObject(SystemExit, status)`: None gives no args, a tuple gives its items.
    if let Value::Tuple(_) = status {
        return Err(rt.refuse("sys.exit() with a tuple"));
    }
    let args = if status.is_none() {
        vec![]
    } else {
        vec![status]
    };
    Err(rt.new_exc(E::SystemExit, args))
}
