//! `itertools`: `count`, `cycle`, `chain`, `islice`, `repeat`.

use std::rc::Rc;

use super::super::exceptions::E;
use super::super::iter::{new_iter, Iter};
use super::super::object::{Args, Module};
use super::super::value::{PyResult, Value};
use super::module_with;
use crate::runtime::Runtime;
use crate::version::PyVersion;

pub fn module(_v: PyVersion) -> Rc<Module> {
    module_with(
        "itertools",
        &[
            ("count", count),
            ("cycle", cycle),
            ("chain", chain),
            ("islice", islice),
            ("repeat", repeat),
        ],
    )
}

fn count(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    use super::super::args::{bind, Param};
    let [start, step] = bind(
        rt,
        "count",
        args,
        &[
            Param::opt("start", Value::Int(0)),
            Param::opt("step", Value::Int(1)),
        ],
    )?;
    for v in [&start, &step] {
        if !matches!(
            v,
            Value::Int(_) | Value::Long(_) | Value::Bool(_) | Value::Float(_)
        ) {
            return Err(rt.err(E::TypeError, "a number is required"));
        }
    }
    Ok(new_iter(Iter::Count { next: start, step }))
}

fn cycle(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let x = super::super::builtins::one_arg(rt, "cycle", args)?;
    let it = rt.get_iter(&x)?;
    Ok(new_iter(Iter::Cycle {
        it: Some(it),
        saved: vec![],
        pos: 0,
    }))
}

fn chain(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    if !args.kw.is_empty() {
        return Err(rt.err(E::TypeError, "chain() takes no keyword arguments"));
    }
    Ok(new_iter(Iter::Chain {
        its: args.pos,
        cur: 0,
    }))
}

fn islice(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    if args.pos.len() < 2 || args.pos.len() > 4 {
        let msg = format!(
            "islice expected at most 4 arguments, got {}",
            args.pos.len()
        );
        return Err(rt.err(E::TypeError, &msg));
    }
    let it = rt.get_iter(&args.pos[0])?;
    let idx = |rt: &mut Runtime, v: &Value| -> PyResult<Option<usize>> {
        match v {
            Value::None => Ok(None),
            Value::Int(i) if *i >= 0 => Ok(Some(*i as usize)),
            _ => Err(rt.err(
                E::ValueError,
                "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.",
            )),
        }
    };
    let (start, stop, step) = match args.pos.len() {
        2 => (Some(0), idx(rt, &args.pos[1])?, Some(1)),
        3 => (idx(rt, &args.pos[1])?, idx(rt, &args.pos[2])?, Some(1)),
        _ => (
            idx(rt, &args.pos[1])?,
            idx(rt, &args.pos[2])?,
            idx(rt, &args.pos[3])?,
        ),
    };
    let step = step.unwrap_or(1);
    if step == 0 {
        return Err(rt.err(
            E::ValueError,
            "Step for islice() must be a positive integer or None.",
        ));
    }
    Ok(new_iter(Iter::ISlice {
        it,
        next: start.unwrap_or(0),
        stop,
        step,
        pos: 0,
    }))
}

fn repeat(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    use super::super::args::{bind, Param};
    let [value, times] = bind(
        rt,
        "repeat",
        args,
        &[Param::req("object"), Param::opt("times", Value::None)],
    )?;
    let left = match times {
        Value::None => None,
        Value::Int(n) => Some(n.max(0) as usize),
        _ => return Err(rt.err(E::TypeError, "an integer is required")),
    };
    Ok(new_iter(Iter::Repeat { value, left }))
}
