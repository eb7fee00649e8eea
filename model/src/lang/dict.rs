//! `dict` and `set` storage, keyed by Python equality.
//!
//! Keys are reduced to a `HashKey` that is equal exactly when CPython's `==` between the
//! keys is true for the key types the model hashes (numbers of any type that compare equal,
//! strings, tuples of keys, objects compared by identity). Keys whose class defines its own
//! `__eq__`/`__hash__` would need the program's code to run inside the table, and are refused.
//!
//! A dict iterates in insertion order (3.7+). A set iterates in the order of CPython's hash
//! table, which `set_order.rs` simulates where CPython's hashes are deterministic (ints,
//! floats, tuples of them); otherwise (strings under hash randomisation, objects hashed by
//! address) the order is an explicit choice (SPEC L6).

use std::rc::Rc;

use indexmap::IndexMap;
use num_bigint::BigInt;

use super::value::Value;

/// A key as Python equality sees it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum HashKey {
    None,
    Ellipsis,
    /// Every number equal to an integer: ints, bools, integral floats.
    Int(BigInt),
    /// A float that is not integral (bits of the value; -0.0 is Int(0)).
    Float(u64),
    Str(Rc<str>),
    Tuple(Vec<HashKey>),
    /// A frozenset: its keys in a canonical order.
    FrozenSet(Vec<HashKey>),
    /// An object hashed and compared by identity (class instances, functions, futures...).
    Id(u64),
}

/// Why a value cannot be a key.
#[derive(Clone, Debug, PartialEq)]
pub enum KeyError {
    /// `TypeError: unhashable type: 'list'`.
    Unhashable(String),
    /// A hash the model does not compute (the message says what).
    Unsupported(String),
}

#[derive(Clone, Debug, Default)]
pub struct Dict {
    pub map: IndexMap<HashKey, (Value, Value)>,
}

impl Dict {
    pub fn new() -> Dict {
        Dict::default()
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    pub fn get(&self, k: &HashKey) -> Option<&Value> {
        self.map.get(k).map(|(_, v)| v)
    }

    /// Insert or replace; an existing key keeps its original key object and position.
    pub fn insert(&mut self, hk: HashKey, key: Value, value: Value) {
        match self.map.get_mut(&hk) {
            Some(slot) => slot.1 = value,
            None => {
                self.map.insert(hk, (key, value));
            }
        }
    }

    pub fn remove(&mut self, k: &HashKey) -> Option<(Value, Value)> {
        self.map.shift_remove(k)
    }

    pub fn keys(&self) -> Vec<Value> {
        self.map.values().map(|(k, _)| k.clone()).collect()
    }

    pub fn values(&self) -> Vec<Value> {
        self.map.values().map(|(_, v)| v.clone()).collect()
    }

    pub fn items(&self) -> Vec<(Value, Value)> {
        self.map.values().cloned().collect()
    }
}

/// What a hashed value is for, in 3.14's wording of an unhashable one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyUse {
    DictKey,
    SetElement,
}
