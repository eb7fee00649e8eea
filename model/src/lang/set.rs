//! `set` and `frozenset` objects: members keyed by Python equality, and the order CPython
//! iterates them in.
//!
//! While every member's hash is deterministic in CPython (ints, floats, tuples of them,
//! None on 3.12+), the model runs CPython's own hash table (`set_order.rs`) and iterates in
//! its slot order. Once a member's hash depends on something the program cannot see
//! (a string under hash randomisation, an object hashed by its address), the order is an
//! explicit choice (SPEC L6), fixed the first time the set is iterated and kept while it
//! is unchanged.

use std::collections::HashMap;
use std::rc::Rc;

use indexmap::IndexMap;

use super::dict::HashKey;
use super::set_order::{self, Operand, SetTable};
use super::value::{FutId, PyResult, Value};
use crate::runtime::Runtime;

#[derive(Clone, Debug, Default)]
pub struct PySet {
    /// Members in insertion order: key -> (member id, the member).
    pub map: IndexMap<HashKey, (u64, Value)>,
    /// CPython's table, while every member has a deterministic hash.
    pub table: Option<SetTable>,
    /// The chosen order (member ids) of a set without a table, until it changes.
    pub chosen: Option<Vec<u64>>,
    /// Names the set for a chooser replaying orders CPython recorded (`wait-done:1`).
    pub key: String,
}

impl PySet {
    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    pub fn contains(&self, k: &HashKey) -> bool {
        self.map.contains_key(k)
    }

    fn key_of(&self, id: u64) -> Option<&HashKey> {
        self.map.iter().find(|(_, (i, _))| *i == id).map(|(k, _)| k)
    }
}

/// CPython's `hash()` of a key when it is the same in every process, else None.
pub fn cpython_hash(k: &HashKey, minor: u8) -> Option<i64> {
    match k {
        HashKey::Int(b) => Some(set_order::hash_int(b)),
        HashKey::Float(bits) => set_order::hash_float(f64::from_bits(*bits), minor),
        HashKey::Tuple(items) => {
            let hs: Option<Vec<i64>> = items.iter().map(|x| cpython_hash(x, minor)).collect();
            Some(set_order::hash_tuple(&hs?, minor))
        }
        HashKey::None => set_order::hash_none(minor),
        HashKey::FrozenSet(items) => {
            let hs: Option<Vec<i64>> = items.iter().map(|x| cpython_hash(x, minor)).collect();
            Some(set_order::hash_frozenset(&hs?))
        }
        HashKey::Str(_) | HashKey::Id(_) | HashKey::Ellipsis => None,
    }
}

impl Runtime<'_> {
    fn empty_set(&mut self) -> PySet {
        self.set_counter += 1;
        PySet {
            table: Some(SetTable::new(self.v.minor())),
            key: format!("set:{}", self.set_counter),
            ..Default::default()
        }
    }

    /// Add a member to a set's storage (no-op if an equal one is there).
    fn pyset_add(&mut self, s: &mut PySet, v: Value) -> PyResult<bool> {
        let k = self.hash_key_as(&v, super::dict::KeyUse::SetElement)?;
        if s.map.contains_key(&k) {
            return Ok(false);
        }
        self.member_counter += 1;
        let id = self.member_counter;
        let minor = self.v.minor();
        match (cpython_hash(&k, minor), s.table.as_mut()) {
            (Some(h), Some(t)) => {
                t.insert(h, id, &mut |_| false);
            }
            _ => s.table = None,
        }
        s.map.insert(k, (id, v));
        s.chosen = None;
        self.check_size(s.map.len())?;
        Ok(true)
    }

    fn pyset_remove(&mut self, s: &mut PySet, k: &HashKey) -> Option<Value> {
        let (id, v) = s.map.shift_remove(k)?;
        let minor = self.v.minor();
        if let (Some(h), Some(t)) = (cpython_hash(k, minor), s.table.as_mut()) {
            t.remove(h, &mut |x| x == id);
        }
        s.chosen = None;
        Some(v)
    }

    /// A new set from items in order (`set(iterable)`, `BUILD_SET`, comprehensions).
    pub fn new_set(&mut self, items: Vec<Value>) -> PyResult {
        let mut s = self.empty_set();
        for v in items {
            self.pyset_add(&mut s, v)?;
        }
        Ok(Value::Set(Rc::new(std::cell::RefCell::new(s))))
    }

    /// A set display `{a, b, c}`: constant displays are folded by the compiler on 3.9+,
    /// which changes the table the set starts from.
    pub fn new_set_display(&mut self, items: Vec<Value>, all_const: bool) -> PyResult {
        let v = self.new_set(items.clone())?;
        if !all_const {
            return Ok(v);
        }
        let Value::Set(cell) = &v else {
            unreachable!("a set")
        };
        let mut s = cell.borrow_mut();
        if s.table.is_none() {
            return Ok(v.clone());
        }
        let minor = self.v.minor();
        // Members in source order with their hashes and ids (the ids the storage gave them).
        let mut members = Vec::with_capacity(items.len());
        for x in &items {
            let k = self.hash_key(x)?;
            let h = cpython_hash(&k, minor).expect("table sets hash deterministically");
            let id = s.map.get(&k).expect("just inserted").0;
            members.push((h, id));
        }
        let keys: HashMap<u64, HashKey> = s.map.iter().map(|(k, (i, _))| (*i, k.clone())).collect();
        let t = SetTable::from_display(minor, &members, true, &mut |a, b| {
            keys.get(&a) == keys.get(&b)
        });
        s.table = Some(t);
        drop(s);
        Ok(v)
    }

    /// `s.add(v)`.
    pub fn set_add(&mut self, s: &Value, v: Value) -> PyResult<()> {
        let Value::Set(cell) = s else {
            unreachable!("set_add on a set")
        };
        let mut set = std::mem::take(&mut *cell.borrow_mut());
        let r = self.pyset_add(&mut set, v);
        *cell.borrow_mut() = set;
        r.map(|_| ())
    }

    /// `s.discard(v)`: whether it was there.
    pub fn set_discard(&mut self, s: &Value, v: &Value) -> PyResult<bool> {
        let k = self.hash_key_as(v, super::dict::KeyUse::SetElement)?;
        let Value::Set(cell) = s else {
            unreachable!("discard on a set")
        };
        let mut set = std::mem::take(&mut *cell.borrow_mut());
        let r = self.pyset_remove(&mut set, &k).is_some();
        *cell.borrow_mut() = set;
        Ok(r)
    }

    /// `s.pop()`: the member CPython's table gives, or (unordered) the first of the chosen
    /// order.
    pub fn set_pop(&mut self, s: &Value) -> PyResult<Option<Value>> {
        let Value::Set(cell) = s else {
            unreachable!("pop on a set")
        };
        if cell.borrow().is_empty() {
            return Ok(None);
        }
        let id = {
            let mut set = cell.borrow_mut();
            match set.table.as_mut() {
                Some(t) => t.pop(),
                None => None,
            }
        };
        let id = match id {
            Some(id) => id,
            None => {
                let order = self.set_order(s)?;
                order[0]
            }
        };
        let mut set = cell.borrow_mut();
        let k = set.key_of(id).cloned().expect("a member");
        let (_, v) = set.map.shift_remove(&k).expect("a member");
        set.chosen = None;
        Ok(Some(v))
    }

    /// Member ids in iteration order.
    fn set_order(&mut self, s: &Value) -> PyResult<Vec<u64>> {
        let (table_order, chosen, ids, key) = {
            let set = match s {
                Value::Set(c) => c.borrow().clone(),
                Value::FrozenSet(f) => (**f).clone(),
                _ => unreachable!("a set"),
            };
            (
                set.table.as_ref().map(SetTable::order),
                set.chosen.clone(),
                set.map
                    .values()
                    .map(|(i, v)| (*i, v.clone()))
                    .collect::<Vec<_>>(),
                set.key.clone(),
            )
        };
        if let Some(o) = table_order {
            return Ok(o);
        }
        if let Some(c) = chosen {
            return Ok(c);
        }
        let keys: Vec<u64> = ids.iter().map(|(_, v)| self.object_key(v)).collect();
        let perm = self.choose_permutation(&key, &keys, "iteration order of a set");
        let order: Vec<u64> = perm.into_iter().map(|i| ids[i].0).collect();
        if let Value::Set(c) = s {
            c.borrow_mut().chosen = Some(order.clone());
        }
        Ok(order)
    }

    /// The members of a set in the order CPython iterates them.
    pub fn set_items(&mut self, s: &Value) -> PyResult<Vec<Value>> {
        let order = self.set_order(s)?;
        let set = match s {
            Value::Set(c) => c.borrow().clone(),
            Value::FrozenSet(f) => (**f).clone(),
            _ => unreachable!("a set"),
        };
        let by_id: HashMap<u64, Value> = set.map.values().map(|(i, v)| (*i, v.clone())).collect();
        Ok(order.into_iter().map(|i| by_id[&i].clone()).collect())
    }

    /// The keys of a set (for membership tests and comparisons).
    pub fn set_keys(&self, s: &Value) -> Vec<HashKey> {
        match s {
            Value::Set(c) => c.borrow().map.keys().cloned().collect(),
            Value::FrozenSet(f) => f.map.keys().cloned().collect(),
            _ => vec![],
        }
    }

    /// How a chooser names an object in a set order CPython recorded: a task by its
    /// creation number, a gather by 1,000,000 plus its id.
    pub fn object_key(&self, v: &Value) -> u64 {
        match v {
            Value::Future(f) => self.future_key(*f),
            _ => 3_000_000,
        }
    }

    pub fn future_key(&self, f: FutId) -> u64 {
        crate::asyncio::interface::future_key(self, f)
    }

    /// A set named for the chooser (`wait-done:1`), from members in order.
    pub fn new_keyed_set(&mut self, items: Vec<Value>, key: String) -> PyResult {
        let v = self.new_set(items)?;
        if let Value::Set(c) = &v {
            c.borrow_mut().key = key;
        }
        Ok(v)
    }

    /// `frozenset(s)` of a new set.
    pub fn freeze(&mut self, s: Value) -> Value {
        match s {
            Value::Set(ref c) => Value::FrozenSet(Rc::new(c.borrow().clone())),
            other => other,
        }
    }

    /// Run a table operation when both operands have tables; None otherwise.
    fn with_tables<T>(
        &self,
        a: &PySet,
        b: &PySet,
        f: impl FnOnce(&SetTable, &SetTable, &mut dyn FnMut(u64, u64) -> bool) -> T,
    ) -> Option<T> {
        let (ta, tb) = (a.table.as_ref()?, b.table.as_ref()?);
        // Member ids are unique across the runtime, so the two sets' ids never clash.
        let mut eq = |x: u64, y: u64| {
            let kx = id_key(a, b, x);
            let ky = id_key(a, b, y);
            kx.is_some() && kx == ky
        };
        Some(f(ta, tb, &mut eq))
    }

    /// `a | b`, `a & b`, `a - b`, `a ^ b` for two sets.
    pub fn set_binary(&mut self, op: super::code::BinOp, a: &Value, b: &Value) -> PyResult {
        use super::code::BinOp;
        let sa = set_of(a);
        let sb = set_of(b);
        let frozen = matches!(a, Value::FrozenSet(_));
        // Membership by keys (exact), then the order from CPython's tables when known.
        let mut out_members: Vec<(HashKey, (u64, Value))> = Vec::new();
        match op {
            BinOp::Or => {
                out_members.extend(sa.map.iter().map(|(k, v)| (k.clone(), v.clone())));
                for (k, v) in &sb.map {
                    if !sa.map.contains_key(k) {
                        out_members.push((k.clone(), v.clone()));
                    }
                }
            }
            BinOp::And => {
                // CPython iterates the smaller set and keeps its members' objects.
                let (small, big) = if sb.len() > sa.len() {
                    (&sa, &sb)
                } else {
                    (&sb, &sa)
                };
                for (k, v) in &small.map {
                    if big.map.contains_key(k) {
                        out_members.push((k.clone(), v.clone()));
                    }
                }
            }
            BinOp::Sub => {
                for (k, v) in &sa.map {
                    if !sb.map.contains_key(k) {
                        out_members.push((k.clone(), v.clone()));
                    }
                }
            }
            _ => {
                for (k, v) in &sa.map {
                    if !sb.map.contains_key(k) {
                        out_members.push((k.clone(), v.clone()));
                    }
                }
                for (k, v) in &sb.map {
                    if !sa.map.contains_key(k) {
                        out_members.push((k.clone(), v.clone()));
                    }
                }
            }
        }
        let table = self.with_tables(&sa, &sb, |ta, tb, eq| match op {
            BinOp::Or => ta.union(&[Operand::Set(tb)], eq),
            BinOp::And => ta.intersection(&[Operand::Set(tb)], eq),
            BinOp::Sub => ta.difference(&[Operand::Set(tb)], eq),
            _ => ta.symmetric_difference(Operand::Set(tb), eq),
        });
        self.set_counter += 1;
        let map: IndexMap<HashKey, (u64, Value)> = out_members.into_iter().collect();
        let result = PySet {
            map,
            table,
            chosen: None,
            key: format!("set:{}", self.set_counter),
        };
        Ok(if frozen {
            Value::FrozenSet(Rc::new(result))
        } else {
            Value::Set(Rc::new(std::cell::RefCell::new(result)))
        })
    }

    /// Make `a` hold what `r` holds (the in-place operators).
    pub fn set_replace_contents(&mut self, a: &Value, r: &Value) -> PyResult<()> {
        if let (Value::Set(ca), Value::Set(cr)) = (a, r) {
            let new = cr.borrow().clone();
            let mut s = ca.borrow_mut();
            let key = s.key.clone();
            *s = new;
            s.key = key;
        }
        Ok(())
    }
}

/// A set's storage (for reading).
pub fn set_of(v: &Value) -> PySet {
    match v {
        Value::Set(c) => c.borrow().clone(),
        Value::FrozenSet(f) => (**f).clone(),
        _ => PySet::default(),
    }
}

fn id_key(a: &PySet, b: &PySet, id: u64) -> Option<HashKey> {
    a.key_of(id).or_else(|| b.key_of(id)).cloned()
}

impl Runtime<'_> {
    /// `s.copy()` / `set(s)` / `frozenset(s)` of a set: CPython's `set_merge` into an empty
    /// set, which keeps the table's layout.
    pub fn set_copy(&mut self, s: &Value, frozen: bool) -> Value {
        let mut copy = set_of(s);
        copy.table = copy.table.as_ref().map(SetTable::copy);
        copy.chosen = None;
        self.set_counter += 1;
        copy.key = format!("set:{}", self.set_counter);
        if frozen {
            Value::FrozenSet(Rc::new(copy))
        } else {
            Value::Set(Rc::new(std::cell::RefCell::new(copy)))
        }
    }
}
