//! Iteration: `iter()`, `next()`, the builtin iterator types (list_iterator, enumerate, zip,
//! map, filter, reversed, dict views, itertools), generators, and classes that define
//! `__iter__`/`__next__` or `__aiter__`/`__anext__`.

use std::cell::RefCell;
use std::rc::Rc;

use super::dict::Dict;
use super::exceptions::E;
use super::object::{DictViewKind, NativeObj};
use super::value::{PyResult, RangeObj, Value};
use crate::runtime::Runtime;

#[derive(Debug)]
pub enum Iter {
    List {
        list: Rc<RefCell<Vec<Value>>>,
        pos: usize,
    },
    ListReverse {
        list: Rc<RefCell<Vec<Value>>>,
        pos: Option<usize>,
    },
    Tuple {
        items: Rc<Vec<Value>>,
        pos: usize,
    },
    /// A snapshot (strings, sets, reversed tuples): items in order.
    Items {
        items: Vec<Value>,
        pos: usize,
        name: &'static str,
    },
    Range {
        r: Rc<RangeObj>,
        pos: u64,
    },
    Dict {
        dict: Rc<RefCell<Dict>>,
        pos: usize,
        len: usize,
        kind: DictViewKind,
    },
    Set {
        items: Vec<Value>,
        pos: usize,
        set: Value,
        len: usize,
    },
    Enumerate {
        it: Value,
        count: Value,
    },
    Zip {
        its: Vec<Value>,
        strict: bool,
    },
    Map {
        func: Value,
        its: Vec<Value>,
    },
    Filter {
        func: Value,
        it: Value,
    },
    /// `itertools.count(start, step)`.
    Count {
        next: Value,
        step: Value,
    },
    /// `itertools.cycle(iterable)`.
    Cycle {
        it: Option<Value>,
        saved: Vec<Value>,
        pos: usize,
    },
    /// `itertools.chain(*iterables)`.
    Chain {
        its: Vec<Value>,
        cur: usize,
    },
    /// `itertools.islice`.
    ISlice {
        it: Value,
        next: usize,
        stop: Option<usize>,
        step: usize,
        pos: usize,
    },
    /// `itertools.repeat(x, n)`.
    Repeat {
        value: Value,
        left: Option<usize>,
    },
    Exhausted {
        name: &'static str,
    },
}

impl Iter {
    /// The values this iterator holds (for freeing it without recursion).
    pub fn into_values(self) -> Vec<Value> {
        match self {
            Iter::List { list, .. } | Iter::ListReverse { list, .. } => vec![Value::List(list)],
            Iter::Tuple { items, .. } => vec![Value::Tuple(items)],
            Iter::Items { items, .. } => items,
            Iter::Range { .. } | Iter::Exhausted { .. } => Vec::new(),
            Iter::Dict { dict, .. } => vec![Value::Dict(dict)],
            Iter::Set { mut items, set, .. } => {
                items.push(set);
                items
            }
            Iter::Enumerate { it, count } => vec![it, count],
            Iter::Zip { its, .. } | Iter::Chain { its, .. } => its,
            Iter::Map { func, mut its } => {
                its.push(func);
                its
            }
            Iter::Filter { func, it } => vec![func, it],
            Iter::Count { next, step } => vec![next, step],
            Iter::Cycle { it, mut saved, .. } => {
                saved.extend(it);
                saved
            }
            Iter::ISlice { it, .. } => vec![it],
            Iter::Repeat { value, .. } => vec![value],
        }
    }

    /// `type(it).__name__`.
    pub fn type_name(&self) -> &'static str {
        match self {
            Iter::List { .. } => "list_iterator",
            Iter::ListReverse { .. } => "list_reverseiterator",
            Iter::Tuple { .. } => "tuple_iterator",
            Iter::Items { name, .. } => name,
            Iter::Range { .. } => "range_iterator",
            Iter::Dict { kind, .. } => match kind {
                DictViewKind::Keys => "dict_keyiterator",
                DictViewKind::Values => "dict_valueiterator",
                DictViewKind::Items => "dict_itemiterator",
            },
            Iter::Set { .. } => "set_iterator",
            Iter::Enumerate { .. } => "enumerate",
            Iter::Zip { .. } => "zip",
            Iter::Map { .. } => "map",
            Iter::Filter { .. } => "filter",
            Iter::Count { .. } => "count",
            Iter::Cycle { .. } => "cycle",
            Iter::Chain { .. } => "chain",
            Iter::ISlice { .. } => "islice",
            Iter::Repeat { .. } => "repeat",
            Iter::Exhausted { name } => name,
        }
    }
}

pub fn new_iter(it: Iter) -> Value {
    Value::Iter(Rc::new(RefCell::new(it)))
}

impl Runtime<'_> {
    /// Can `iter(v)` succeed without running user code?
    pub fn is_iterable(&mut self, v: &Value) -> bool {
        match v {
            Value::Str(_)
            | Value::Tuple(_)
            | Value::List(_)
            | Value::Dict(_)
            | Value::Set(_)
            | Value::FrozenSet(_)
            | Value::Range(_)
            | Value::Iter(_) => true,
            Value::Coro(c) => self.coros[c.0].kind == super::gen::CoroKind::Generator,
            Value::Obj(o) => matches!(&**o, NativeObj::DictView { .. }),
            Value::Instance(i) if i.class.tag.is_none() => {
                i.class.lookup("__iter__").is_some() || i.class.lookup("__getitem__").is_some()
            }
            _ => false,
        }
    }

    /// How `f(*x)` words a non-iterable `x` (3.9 changed it).
    pub fn star_arg_message(&self, tn: &str) -> String {
        format!("Value after * must be an iterable, not {tn}")
    }

    /// `iter(v)`.
    pub fn get_iter(&mut self, v: &Value) -> PyResult {
        Ok(match v {
            Value::List(l) => new_iter(Iter::List {
                list: l.clone(),
                pos: 0,
            }),
            Value::Tuple(t) => new_iter(Iter::Tuple {
                items: t.clone(),
                pos: 0,
            }),
            Value::Str(s) => {
                let name = if self.v.minor() >= 12 && s.is_ascii() {
                    "str_ascii_iterator"
                } else {
                    "str_iterator"
                };
                new_iter(Iter::Items {
                    items: s
                        .chars()
                        .map(|c| Value::str(c.encode_utf8(&mut [0; 4])))
                        .collect(),
                    pos: 0,
                    name,
                })
            }
            Value::Range(r) => new_iter(Iter::Range {
                r: r.clone(),
                pos: 0,
            }),
            Value::Dict(d) => {
                let len = d.borrow().len();
                new_iter(Iter::Dict {
                    dict: d.clone(),
                    pos: 0,
                    len,
                    kind: DictViewKind::Keys,
                })
            }
            Value::Obj(o) => match &**o {
                NativeObj::DictView { dict, kind } => {
                    let len = dict.borrow().len();
                    new_iter(Iter::Dict {
                        dict: dict.clone(),
                        pos: 0,
                        len,
                        kind: *kind,
                    })
                }
                _ => return Err(self.not_iterable(v)),
            },
            Value::Set(_) | Value::FrozenSet(_) => {
                let items = self.set_items(v)?;
                let len = items.len();
                new_iter(Iter::Set {
                    items,
                    pos: 0,
                    set: v.clone(),
                    len,
                })
            }
            Value::Iter(_) => v.clone(),
            Value::Coro(c) if self.coros[c.0].kind == super::gen::CoroKind::Generator => v.clone(),
            Value::Instance(i) if i.class.tag.is_none() => {
                if let Some(m) = self.lookup_special(v, "__iter__") {
                    let it = self.call_value(&m, vec![])?;
                    let ok = matches!(&it, Value::Iter(_) | Value::Coro(_))
                        || matches!(&it, Value::Instance(j) if j.class.lookup("__next__").is_some());
                    if !ok {
                        let tn = self.type_name(&it);
                        return Err(self.err(
                            E::TypeError,
                            &format!("iter() returned non-iterator of type '{tn}'"),
                        ));
                    }
                    return Ok(it);
                }
                if i.class.lookup("__getitem__").is_some() {
                    return Err(self.refuse("iterating an object through __getitem__"));
                }
                return Err(self.not_iterable(v));
            }
            _ => return Err(self.not_iterable(v)),
        })
    }

    fn not_iterable(&mut self, v: &Value) -> super::value::Exc {
        let tn = self.type_name(v);
        self.err(E::TypeError, &format!("'{tn}' object is not iterable"))
    }

    /// `next(it)`: the next item, or None when exhausted (StopIteration).
    pub fn next(&mut self, it: &Value) -> PyResult<Option<Value>> {
        match it {
            Value::Iter(cell) => self.iter_next(cell),
            Value::Coro(c) => self.gen_next(*c),
            Value::Instance(_) => {
                let Some(m) = self.lookup_special(it, "__next__") else {
                    let tn = self.type_name(it);
                    return Err(
                        self.err(E::TypeError, &format!("'{tn}' object is not an iterator"))
                    );
                };
                match self.call_value(&m, vec![]) {
                    Ok(v) => Ok(Some(v)),
                    Err(e) if self.exc_is(&e, E::StopIteration) => Ok(None),
                    Err(e) => Err(e),
                }
            }
            other => {
                let tn = self.type_name(other);
                Err(self.err(E::TypeError, &format!("'{tn}' object is not an iterator")))
            }
        }
    }

    fn iter_next(&mut self, cell: &Rc<RefCell<Iter>>) -> PyResult<Option<Value>> {
        // Iterators that call back into the program are advanced without holding the borrow.
        let step = {
            let mut it = cell.borrow_mut();
            match &mut *it {
                Iter::List { list, pos } => {
                    let l = list.borrow();
                    let v = l.get(*pos).cloned();
                    *pos += 1;
                    return Ok(v);
                }
                Iter::ListReverse { list, pos } => {
                    let l = list.borrow();
                    let p = pos.unwrap_or(l.len());
                    if p == 0 || p > l.len() {
                        *pos = Some(0);
                        return Ok(None);
                    }
                    *pos = Some(p - 1);
                    return Ok(Some(l[p - 1].clone()));
                }
                Iter::Tuple { items, pos } => {
                    let v = items.get(*pos).cloned();
                    *pos += 1;
                    return Ok(v);
                }
                Iter::Items { items, pos, .. } => {
                    let v = items.get(*pos).cloned();
                    *pos += 1;
                    return Ok(v);
                }
                Iter::Range { r, pos } => {
                    if Some(*pos) >= r.len() {
                        return Ok(None);
                    }
                    let v = r.get(*pos);
                    *pos += 1;
                    return Ok(Some(Value::Int(v)));
                }
                Iter::Dict {
                    dict,
                    pos,
                    len,
                    kind,
                } => {
                    let d = dict.borrow();
                    if d.len() != *len {
                        *len = usize::MAX;
                        drop(d);
                        drop(it);
                        return Err(
                            self.err(E::RuntimeError, "dictionary changed size during iteration")
                        );
                    }
                    let Some((_, (k, v))) = d.map.get_index(*pos) else {
                        return Ok(None);
                    };
                    *pos += 1;
                    return Ok(Some(match kind {
                        DictViewKind::Keys => k.clone(),
                        DictViewKind::Values => v.clone(),
                        DictViewKind::Items => Value::tuple(vec![k.clone(), v.clone()]),
                    }));
                }
                Iter::Set {
                    items,
                    pos,
                    set,
                    len,
                } => {
                    let now = match set {
                        Value::Set(s) => s.borrow().map.len(),
                        _ => *len,
                    };
                    if now != *len {
                        *len = usize::MAX;
                        drop(it);
                        return Err(self.err(E::RuntimeError, "Set changed size during iteration"));
                    }
                    let v = items.get(*pos).cloned();
                    *pos += 1;
                    return Ok(v);
                }
                Iter::Count { next, step } => {
                    let (n, s) = (next.clone(), step.clone());
                    drop(it);
                    let after = self.binary(super::code::BinOp::Add, &n, &s)?;
                    if let Iter::Count { next, .. } = &mut *cell.borrow_mut() {
                        *next = after;
                    }
                    return Ok(Some(n));
                }
                Iter::Repeat { value, left } => {
                    match left {
                        Some(0) => return Ok(None),
                        Some(n) => *n -= 1,
                        None => {}
                    }
                    return Ok(Some(value.clone()));
                }
                Iter::Exhausted { .. } => return Ok(None),
                Iter::Enumerate { it: inner, count } => {
                    NextStep::Enumerate(inner.clone(), count.clone())
                }
                Iter::Zip { its, strict } => NextStep::Zip(its.clone(), *strict),
                Iter::Map { func, its } => NextStep::Map(func.clone(), its.clone()),
                Iter::Filter { func, it: inner } => NextStep::Filter(func.clone(), inner.clone()),
                Iter::Cycle {
                    it: inner,
                    saved,
                    pos,
                } => match inner {
                    Some(i) => NextStep::CycleFill(i.clone()),
                    None => {
                        if saved.is_empty() {
                            return Ok(None);
                        }
                        let v = saved[*pos % saved.len()].clone();
                        *pos += 1;
                        return Ok(Some(v));
                    }
                },
                Iter::Chain { its, cur } => NextStep::Chain(its.clone(), *cur),
                Iter::ISlice {
                    it: inner,
                    next,
                    stop,
                    step,
                    pos,
                } => NextStep::ISlice(inner.clone(), *next, *stop, *step, *pos),
            }
        };
        match step {
            NextStep::Enumerate(inner, count) => {
                let Some(v) = self.next(&inner)? else {
                    return Ok(None);
                };
                let after = self.binary(super::code::BinOp::Add, &count, &Value::Int(1))?;
                if let Iter::Enumerate { count: c, .. } = &mut *cell.borrow_mut() {
                    *c = after;
                }
                Ok(Some(Value::tuple(vec![count, v])))
            }
            NextStep::Zip(its, strict) => {
                if its.is_empty() {
                    return Ok(None);
                }
                // A step per 8 iterators advanced (SPEC M4): `zip(*[r] * 501)` makes a
                // 501-tuple per item, which one step per 8 items does not bound.
                if its.len() >= 8 && !self.tick_n(its.len() as u64 / 8) {
                    return Err(self.refusal_exc());
                }
                let mut out = Vec::with_capacity(its.len());
                for (i, x) in its.iter().enumerate() {
                    match self.next(x)? {
                        Some(v) => out.push(v),
                        None => {
                            if strict {
                                return Err(self.zip_strict_error(&its, i));
                            }
                            return Ok(None);
                        }
                    }
                }
                Ok(Some(Value::tuple(out)))
            }
            NextStep::Map(func, its) => {
                let mut args = Vec::with_capacity(its.len());
                for x in &its {
                    match self.next(x)? {
                        Some(v) => args.push(v),
                        None => return Ok(None),
                    }
                }
                self.call_value(&func, args).map(Some)
            }
            NextStep::Filter(func, inner) => loop {
                let Some(v) = self.next(&inner)? else {
                    return Ok(None);
                };
                let keep = if func.is_none() {
                    self.truthy(&v)?
                } else {
                    let r = self.call_value(&func, vec![v.clone()])?;
                    self.truthy(&r)?
                };
                if keep {
                    return Ok(Some(v));
                }
            },
            NextStep::CycleFill(inner) => match self.next(&inner)? {
                Some(v) => {
                    if let Iter::Cycle { saved, .. } = &mut *cell.borrow_mut() {
                        saved.push(v.clone());
                    }
                    Ok(Some(v))
                }
                None => {
                    if let Iter::Cycle { it, .. } = &mut *cell.borrow_mut() {
                        *it = None;
                    }
                    self.iter_next(cell)
                }
            },
            NextStep::Chain(its, mut cur) => loop {
                if cur >= its.len() {
                    return Ok(None);
                }
                let it = self.get_iter(&its[cur])?;
                if let Some(v) = self.next(&it)? {
                    if let Iter::Chain { its: stored, .. } = &mut *cell.borrow_mut() {
                        stored[cur] = it;
                    }
                    return Ok(Some(v));
                }
                cur += 1;
                if let Iter::Chain { cur: c, .. } = &mut *cell.borrow_mut() {
                    *c = cur;
                }
            },
            NextStep::ISlice(inner, next, stop, step, mut pos) => {
                if stop.is_some_and(|s| next >= s) {
                    return Ok(None);
                }
                loop {
                    let Some(v) = self.next(&inner)? else {
                        return Ok(None);
                    };
                    pos += 1;
                    if pos - 1 == next {
                        if let Iter::ISlice {
                            next: n, pos: p, ..
                        } = &mut *cell.borrow_mut()
                        {
                            *n = next + step;
                            *p = pos;
                        }
                        return Ok(Some(v));
                    }
                }
            }
        }
    }

    fn zip_strict_error(&mut self, its: &[Value], i: usize) -> super::value::Exc {
        let msg = if i > 0 {
            if i == 1 {
                "zip() argument 2 is shorter than argument 1".to_string()
            } else {
                format!("zip() argument {} is shorter than arguments 1-{i}", i + 1)
            }
        } else {
            let _ = its;
            "zip() argument 2 is longer than argument 1".to_string()
        };
        self.err(E::ValueError, &msg)
    }

    /// A step per 8 items for a builtin that consumes an iterator itself (`sum`, `any`,
    /// `all`, `in`, `functools.reduce`; SPEC M4): `sum(range(10**18))` ends at the budget.
    pub fn charge_item(&mut self, n: &mut u64) -> PyResult<()> {
        *n += 1;
        if n.is_multiple_of(8) && !self.tick() {
            return Err(self.refusal_exc());
        }
        Ok(())
    }

    /// Every item of an iterable, in order.
    pub fn iterate(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        match v {
            Value::List(l) => return Ok(l.borrow().clone()),
            Value::Tuple(t) => return Ok((**t).clone()),
            _ => {}
        }
        let it = self.get_iter(v)?;
        let mut out = Vec::new();
        while let Some(x) = self.next(&it)? {
            out.push(x);
            // A step per 8 items (SPEC M4): what a builtin then does with the items (a set's
            // table) costs a few times as much, so the step budget bounds the time as well
            // (at one step per 64 items, set(range(2**20)) a dozen times ran 20 s within the
            // fuzz campaign's 200,000 steps).
            if out.len() % 8 == 0 {
                self.check_size(out.len())?;
                if !self.tick() {
                    return Err(self.refusal_exc());
                }
            }
        }
        Ok(out)
    }

    /// `aiter(v)` / `async for`'s `__aiter__`.
    pub fn get_aiter(&mut self, v: &Value) -> PyResult {
        if let Value::Instance(i) = v {
            if i.class.tag.is_none() {
                if let Some(m) = self.lookup_special(v, "__aiter__") {
                    return self.call_value(&m, vec![]);
                }
            }
        }
        let tn = self.type_name(v);
        let msg = format!("'async for' requires an object with __aiter__ method, got {tn}");
        Err(self.err(E::TypeError, &msg))
    }

    /// `anext(it)` / `async for`'s `__anext__`: the awaitable.
    pub fn get_anext(&mut self, it: &Value) -> PyResult {
        if let Some(m) = self.lookup_special(it, "__anext__") {
            return self.call_value(&m, vec![]);
        }
        let tn = self.type_name(it);
        let msg = format!(
            "'async for' received an object from __aiter__ that does not implement __anext__: {tn}"
        );
        Err(self.err(E::TypeError, &msg))
    }

    /// Unpack an iterable into exactly `n` values, or `n` + a list + `after` values.
    pub fn unpack(&mut self, v: &Value, n: usize, after: Option<usize>) -> PyResult<Vec<Value>> {
        if !self.is_iterable(v) {
            let tn = self.type_name(v);
            return Err(self.err(
                E::TypeError,
                &format!("cannot unpack non-iterable {tn} object"),
            ));
        }
        let items = self.iterate(v)?;
        match after {
            None => {
                if items.len() == n {
                    return Ok(items);
                }
                let msg = if items.len() > n {
                    if self.v.minor() >= 14 && !matches!(v, Value::Iter(_) | Value::Coro(_)) {
                        format!(
                            "too many values to unpack (expected {n}, got {})",
                            items.len()
                        )
                    } else {
                        format!("too many values to unpack (expected {n})")
                    }
                } else {
                    format!(
                        "not enough values to unpack (expected {n}, got {})",
                        items.len()
                    )
                };
                Err(self.err(E::ValueError, &msg))
            }
            Some(a) => {
                if items.len() < n + a {
                    let msg = format!(
                        "not enough values to unpack (expected at least {}, got {})",
                        n + a,
                        items.len()
                    );
                    return Err(self.err(E::ValueError, &msg));
                }
                let mut out = items[..n].to_vec();
                out.push(Value::list(items[n..items.len() - a].to_vec()));
                out.extend(items[items.len() - a..].iter().cloned());
                Ok(out)
            }
        }
    }
}

enum NextStep {
    Enumerate(Value, Value),
    Zip(Vec<Value>, bool),
    Map(Value, Vec<Value>),
    Filter(Value, Value),
    CycleFill(Value),
    Chain(Vec<Value>, usize),
    ISlice(Value, usize, Option<usize>, usize, usize),
}
