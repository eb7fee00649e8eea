//! `time`: the clocks read the loop's virtual clock, as the oracle's harness makes CPython's
//! read it (SPEC M6). `time.sleep` blocks the whole loop: the clock moves on, nothing runs.

use super::super::args::{bind, Param};
use super::super::exceptions::E;
use super::super::object::{Args, Module};
use super::super::value::{PyResult, Value};
use super::module_with;
use crate::runtime::Runtime;
use crate::version::PyVersion;

pub fn module(_v: PyVersion) -> std::rc::Rc<Module> {
    module_with(
        "time",
        &[
            ("monotonic", clock),
            ("perf_counter", clock),
            ("time", clock),
            ("monotonic_ns", clock_ns),
            ("perf_counter_ns", clock_ns),
            ("time_ns", clock_ns),
            ("sleep", sleep),
        ],
    )
}

fn no_args(rt: &mut Runtime, name: &str, args: &Args) -> PyResult<()> {
    if !args.pos.is_empty() || !args.kw.is_empty() {
        let msg = format!(
            "time.{name}() takes no arguments ({} given)",
            args.pos.len() + args.kw.len()
        );
        return Err(rt.err(E::TypeError, &msg));
    }
    Ok(())
}

fn clock(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    no_args(rt, "monotonic", &args)?;
    Ok(Value::Float(rt.time))
}

fn clock_ns(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    no_args(rt, "monotonic_ns", &args)?;
    // CPython's ns clocks are integers; the virtual clock is a float of seconds.
    let ns = (rt.time * 1e9).round();
    if !ns.is_finite() || ns.abs() > 9e18 {
        return Err(rt.refuse("a nanosecond clock beyond 64 bits"));
    }
    Ok(Value::Int(ns as i64))
}

fn sleep(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let [secs] = bind(rt, "sleep", args, &[Param::pos("secs")])?;
    let s = match rt.to_f64(&secs)? {
        Some(s) => s,
        None => {
            let tn = rt.type_name(&secs);
            let msg = format!("'{tn}' object cannot be interpreted as an integer");
            return Err(rt.err(E::TypeError, &msg));
        }
    };
    if s.is_nan() {
        return Err(rt.err(E::ValueError, "Invalid value NaN (not a number)"));
    }
    if s < 0.0 {
        return Err(rt.err(E::ValueError, "sleep length must be non-negative"));
    }
    rt.advance_clock(s);
    Ok(Value::None)
}
