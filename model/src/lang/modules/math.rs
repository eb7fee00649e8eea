//! `math`: the few functions asyncio programs use for backoff arithmetic.

use num_bigint::BigInt;

use super::super::exceptions::E;
use super::super::num;
use super::super::object::{Args, Module};
use super::super::value::{PyResult, Value};
use super::module_with;
use crate::runtime::Runtime;
use crate::version::PyVersion;

pub fn module(_v: PyVersion) -> std::rc::Rc<Module> {
    let m = module_with(
        "math",
        &[
            ("floor", floor),
            ("ceil", ceil),
            ("sqrt", sqrt),
            ("fabs", fabs),
            ("isclose", isclose),
            ("isfinite", isfinite),
            ("isinf", isinf),
            ("isnan", isnan),
        ],
    );
    m.set("pi", Value::Float(std::f64::consts::PI));
    m.set("e", Value::Float(std::f64::consts::E));
    m.set("tau", Value::Float(std::f64::consts::TAU));
    m.set("inf", Value::Float(f64::INFINITY));
    m.set("nan", Value::Float(f64::NAN));
    m
}

fn one_float(rt: &mut Runtime, name: &str, args: Args) -> PyResult<(Value, f64)> {
    let x = super::super::builtins::one_arg(rt, name, args)?;
    match rt.to_f64(&x)? {
        Some(f) => Ok((x, f)),
        None => {
            let tn = rt.type_name(&x);
            let msg = format!("must be real number, not {tn}");
            Err(rt.err(E::TypeError, &msg))
        }
    }
}

fn round_to_int(rt: &mut Runtime, x: &Value, f: f64, up: bool) -> PyResult {
    if let Some(b) = x.as_bigint() {
        return Ok(Value::from_bigint(b));
    }
    let r = if up { f.ceil() } else { f.floor() };
    num::float::to_bigint(r)
        .map(Value::from_bigint)
        .map_err(|e| rt.num_error(e))
}

fn floor(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let (x, f) = one_float(rt, "floor", args)?;
    round_to_int(rt, &x, f, false)
}

fn ceil(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let (x, f) = one_float(rt, "ceil", args)?;
    round_to_int(rt, &x, f, true)
}

fn sqrt(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let (_, f) = one_float(rt, "sqrt", args)?;
    if f < 0.0 {
        return Err(rt.err(E::ValueError, "math domain error"));
    }
    Ok(Value::Float(f.sqrt()))
}

fn fabs(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let (_, f) = one_float(rt, "fabs", args)?;
    Ok(Value::Float(f.abs()))
}

fn isfinite(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let (_, f) = one_float(rt, "isfinite", args)?;
    Ok(Value::Bool(f.is_finite()))
}

fn isinf(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let (_, f) = one_float(rt, "isinf", args)?;
    Ok(Value::Bool(f.is_infinite()))
}

fn isnan(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let (_, f) = one_float(rt, "isnan", args)?;
    Ok(Value::Bool(f.is_nan()))
}

fn isclose(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    use super::super::args::{bind, Param};
    let [a, b, rel, abs] = bind(
        rt,
        "isclose",
        args,
        &[
            Param::pos("a"),
            Param::pos("b"),
            Param::opt_kw("rel_tol", Value::Float(1e-9)),
            Param::opt_kw("abs_tol", Value::Float(0.0)),
        ],
    )?;
    let mut f = |v: &Value| -> PyResult<f64> {
        match rt.to_f64(v)? {
            Some(x) => Ok(x),
            None => {
                let tn = rt.type_name(v);
                Err(rt.err(E::TypeError, &format!("must be real number, not {tn}")))
            }
        }
    };
    let (a, b, rel, abs) = (f(&a)?, f(&b)?, f(&rel)?, f(&abs)?);
    if rel < 0.0 || abs < 0.0 {
        return Err(rt.err(E::ValueError, "tolerances must be non-negative"));
    }
    if a == b {
        return Ok(Value::Bool(true));
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(Value::Bool(false));
    }
    let diff = (b - a).abs();
    let _ = BigInt::from(0);
    Ok(Value::Bool(
        (diff <= (rel * b).abs()) || (diff <= (rel * a).abs()) || (diff <= abs),
    ))
}
