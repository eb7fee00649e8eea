//! Binding the arguments of builtins (CPython's Argument Clinic conventions).

use super::exceptions::E;
use super::object::Args;
use super::value::{PyResult, Value};
use crate::runtime::Runtime;

/// One parameter of a builtin.
pub struct Param {
    pub name: &'static str,
    pub default: Option<Value>,
    /// May only be given by keyword.
    pub kw_only: bool,
    /// May only be given by position.
    pub pos_only: bool,
}

impl Param {
    pub fn req(name: &'static str) -> Param {
        Param {
            name,
            default: None,
            kw_only: false,
            pos_only: false,
        }
    }

    pub fn opt(name: &'static str, default: Value) -> Param {
        Param {
            name,
            default: Some(default),
            kw_only: false,
            pos_only: false,
        }
    }

    pub fn opt_kw(name: &'static str, default: Value) -> Param {
        Param {
            name,
            default: Some(default),
            kw_only: true,
            pos_only: false,
        }
    }

    pub fn req_kw(name: &'static str) -> Param {
        Param {
            name,
            default: None,
            kw_only: true,
            pos_only: false,
        }
    }

    pub fn pos(name: &'static str) -> Param {
        Param {
            name,
            default: None,
            kw_only: false,
            pos_only: true,
        }
    }

    pub fn pos_opt(name: &'static str, default: Value) -> Param {
        Param {
            name,
            default: Some(default),
            kw_only: false,
            pos_only: true,
        }
    }
}

/// Bind `args` to `params` for the builtin `fname`.
pub fn bind<const N: usize>(
    rt: &mut Runtime,
    fname: &str,
    args: Args,
    params: &[Param],
) -> PyResult<[Value; N]> {
    debug_assert_eq!(params.len(), N);
    let npos_allowed = params.iter().filter(|p| !p.kw_only).count();
    if args.pos.len() > npos_allowed {
        let total = params.len();
        let msg = if npos_allowed == total {
            format!(
                "{fname}() takes at most {npos_allowed} argument{} ({} given)",
                if npos_allowed == 1 { "" } else { "s" },
                args.pos.len()
            )
        } else {
            format!(
                "{fname}() takes at most {npos_allowed} positional argument{} ({} given)",
                if npos_allowed == 1 { "" } else { "s" },
                args.pos.len()
            )
        };
        return Err(rt.err(E::TypeError, &msg));
    }
    let mut slots: Vec<Option<Value>> = vec![None; params.len()];
    for (i, v) in args.pos.into_iter().enumerate() {
        slots[i] = Some(v);
    }
    for (k, v) in args.kw {
        match params.iter().position(|p| p.name == &*k && !p.pos_only) {
            Some(i) if slots[i].is_none() => slots[i] = Some(v),
            Some(i) => {
                let msg = format!(
                    "argument for {fname}() given by name ('{k}') and position ({})",
                    i + 1
                );
                return Err(rt.err(E::TypeError, &msg));
            }
            None => {
                let msg = format!("{fname}() got an unexpected keyword argument '{k}'");
                return Err(rt.err(E::TypeError, &msg));
            }
        }
    }
    let mut out = Vec::with_capacity(N);
    for (i, (slot, p)) in slots.into_iter().zip(params).enumerate() {
        match slot.or_else(|| p.default.clone()) {
            Some(v) => out.push(v),
            None => {
                let msg = if p.kw_only {
                    format!(
                        "{fname}() missing required keyword-only argument: '{}'",
                        p.name
                    )
                } else {
                    format!(
                        "{fname}() missing required argument '{}' (pos {})",
                        p.name,
                        i + 1
                    )
                };
                return Err(rt.err(E::TypeError, &msg));
            }
        }
    }
    Ok(out.try_into().unwrap_or_else(|_| unreachable!("N values")))
}

/// Bind `args` for one of asyncio's Python functions (`def create_task(coro, *, name=None)`):
/// the errors are worded as for any Python function.
pub fn bind_py<const N: usize>(
    rt: &mut Runtime,
    fname: &str,
    args: Args,
    params: &[Param],
) -> PyResult<[Value; N]> {
    // CPython's order (initialize_locals): positional arguments fill their slots, then the
    // keywords are bound (an unknown or repeated one is the error), then a surplus of
    // positional arguments, then the missing ones.
    let npos = params.iter().filter(|p| !p.kw_only).count();
    let given = args.pos.len();
    let mut slots: Vec<Option<Value>> = vec![None; params.len()];
    for (i, v) in args.pos.into_iter().take(npos).enumerate() {
        slots[i] = Some(v);
    }
    let mut kw_only_given = 0;
    for (k, v) in args.kw {
        match params.iter().position(|p| p.name == &*k) {
            Some(i) if slots[i].is_none() => {
                kw_only_given += usize::from(params[i].kw_only);
                slots[i] = Some(v)
            }
            Some(_) => {
                let msg = format!("{fname}() got multiple values for argument '{k}'");
                return Err(rt.err(E::TypeError, &msg));
            }
            None => {
                let msg = format!("{fname}() got an unexpected keyword argument '{k}'");
                return Err(rt.err(E::TypeError, &msg));
            }
        }
    }
    if given > npos {
        let ndefault = params
            .iter()
            .filter(|p| !p.kw_only && p.default.is_some())
            .count();
        let takes = if ndefault > 0 {
            format!("from {} to {npos}", npos - ndefault)
        } else {
            npos.to_string()
        };
        let plural = if npos == 1 && ndefault == 0 { "" } else { "s" };
        let s = |n: usize| if n == 1 { "" } else { "s" };
        let were = if kw_only_given > 0 {
            format!(
                "{given} positional argument{} (and {kw_only_given} keyword-only argument{}) were",
                s(given),
                s(kw_only_given)
            )
        } else if given == 1 {
            "1 was".to_string()
        } else {
            format!("{given} were")
        };
        let msg = format!("{fname}() takes {takes} positional argument{plural} but {were} given");
        return Err(rt.err(E::TypeError, &msg));
    }
    let missing: Vec<&Param> = slots
        .iter()
        .zip(params)
        .filter(|(s, p)| s.is_none() && p.default.is_none())
        .map(|(_, p)| p)
        .collect();
    if let Some(first) = missing.first() {
        let kind = if first.kw_only {
            "keyword-only"
        } else {
            "positional"
        };
        let names: Vec<String> = missing
            .iter()
            .filter(|p| p.kw_only == first.kw_only)
            .map(|p| format!("'{}'", p.name))
            .collect();
        let list = match names.len() {
            1 => names[0].clone(),
            2 => format!("{} and {}", names[0], names[1]),
            n => format!("{}, and {}", names[..n - 1].join(", "), names[n - 1]),
        };
        let msg = format!(
            "{fname}() missing {} required {kind} argument{}: {list}",
            names.len(),
            if names.len() == 1 { "" } else { "s" }
        );
        return Err(rt.err(E::TypeError, &msg));
    }
    let out: Vec<Value> = slots
        .into_iter()
        .zip(params)
        .map(|(s, p)| s.or_else(|| p.default.clone()).expect("checked"))
        .collect();
    Ok(out.try_into().unwrap_or_else(|_| unreachable!("N values")))
}
