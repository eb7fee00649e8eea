//! Which attributes CPython has, per version, on the builtin types and modules the model
//! implements (`model/data/cpython_attrs.txt`, generated from the interpreters by
//! `oracle/gen_attrs.py`). An attribute CPython has and the model lacks is refused; one
//! CPython lacks is an AttributeError, as in CPython (SPEC M1).

use std::collections::HashMap;
use std::sync::OnceLock;

use super::object::NativeObj;
use super::value::Value;
use crate::asyncio::interface::{future_class, FutureClass};
use crate::runtime::Runtime;

static DATA: &str = include_str!("../../data/cpython_attrs.txt");

/// (owner, name) -> bit set of minor versions.
fn table() -> &'static HashMap<(&'static str, &'static str), u32> {
    static T: OnceLock<HashMap<(&'static str, &'static str), u32>> = OnceLock::new();
    T.get_or_init(|| {
        let mut m = HashMap::new();
        for line in DATA.lines() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let mut it = line.split(' ');
            let (Some(owner), Some(name), Some(vs)) = (it.next(), it.next(), it.next()) else {
                continue;
            };
            let mut bits = 0u32;
            for v in vs.split(',') {
                if let Ok(n) = v.parse::<u32>() {
                    bits |= 1 << n;
                }
            }
            m.insert((owner, name), bits);
        }
        m
    })
}

/// Does CPython `minor` have attribute `name` on `owner`? (Versions past the data's last
/// one use its last.)
pub fn has(owner: &str, name: &str, minor: u8) -> bool {
    let minor = minor.min(15);
    table()
        .get(&(owner, name))
        .is_some_and(|bits| bits & (1 << minor) != 0)
}

/// If CPython has `obj.name` (and the model was asked because it does not implement it),
/// the words of the refusal.
pub fn known(rt: &Runtime, obj: &Value, name: &str) -> Option<String> {
    let minor = rt.v.minor();
    let owner = owner_of(rt, obj);
    if has(&owner, name, minor) {
        let what = match obj {
            Value::Module(m) => format!("{}.{name}", m.name),
            _ => format!("the attribute '{name}' of {owner} objects"),
        };
        Some(what)
    } else {
        None
    }
}

/// Every attribute CPython `minor` lists for `owner` (sorted, as `dir()` returns them).
pub fn all_of(owner: &str, minor: u8) -> Vec<&'static str> {
    let minor = minor.min(15);
    let mut v: Vec<&'static str> = table()
        .iter()
        .filter(|((o, _), bits)| *o == owner && *bits & (1 << minor) != 0)
        .map(|((_, n), _)| *n)
        .collect();
    v.sort_unstable();
    v
}

/// The owner name `known` would use for `obj`, when the data describes it.
pub fn owner_of(rt: &Runtime, obj: &Value) -> String {
    match obj {
        Value::Module(m) => format!("module:{}", m.name),
        Value::Instance(i) if i.exc.is_some() => "BaseException".into(),
        Value::Instance(_) => "object".into(),
        Value::Class(_) => "type".into(),
        Value::Future(f) => match future_class(rt, *f) {
            FutureClass::Task => "Task".into(),
            FutureClass::Future | FutureClass::GatheringFuture => "Future".into(),
        },
        Value::Obj(o) if matches!(&**o, NativeObj::Loop(_)) => "loop".into(),
        other => rt.type_name(other),
    }
}
