//! Comparisons (`==`, `<`, ... with CPython's exact int/float comparison), `is`, `in`,
//! truth values, and the keys dicts and sets hash by.

use std::cmp::Ordering;
use std::rc::Rc;

use num_bigint::BigInt;

use super::code::CmpOp;
use super::dict::{HashKey, KeyUse};
use super::exceptions::E;
use super::num;
use super::object::NativeObj;
use super::value::{PyResult, Value};
use crate::runtime::Runtime;

impl Runtime<'_> {
    /// `bool(v)`.
    pub fn truthy(&mut self, v: &Value) -> PyResult<bool> {
        Ok(match v {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Long(_) => true,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::List(l) => !l.borrow().is_empty(),
            Value::Dict(d) => !d.borrow().is_empty(),
            Value::Set(s) => !s.borrow().map.is_empty(),
            Value::FrozenSet(s) => !s.map.is_empty(),
            Value::Range(r) => r.len() != Some(0),
            Value::Obj(o) => match &**o {
                NativeObj::DictView { dict, .. } => !dict.borrow().is_empty(),
                _ => true,
            },
            Value::Instance(i) if i.class.tag.is_none() => {
                if let Some(m) = self.lookup_special(v, "__bool__") {
                    let r = self.call_value(&m, vec![])?;
                    return match r {
                        Value::Bool(b) => Ok(b),
                        other => {
                            let tn = self.type_name(&other);
                            Err(self.err(
                                E::TypeError,
                                &format!("__bool__ should return bool, returned {tn}"),
                            ))
                        }
                    };
                }
                if let Some(m) = self.lookup_special(v, "__len__") {
                    let r = self.call_value(&m, vec![])?;
                    return Ok(!Self::is_zero_int(&r));
                }
                true
            }
            _ => true,
        })
    }

    /// `a is b`. Identity of ints, strings and floats depends on CPython's caches: refused.
    pub fn is_same(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        match a.is_same(b) {
            Some(x) => Ok(x),
            None => Err(self.refuse(format!(
                "'is' between two {} objects (identity of immutable values depends on CPython's caches)",
                self.type_name(a)
            ))),
        }
    }

    /// `a == b` as a bool.
    pub fn eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if let Some(r) = self.builtin_eq(a, b)? {
            return Ok(r);
        }
        let r = self.compare(CmpOp::Eq, a, b)?;
        self.truthy(&r)
    }

    /// Equality of builtin values, None when a user class decides.
    fn builtin_eq(&mut self, a: &Value, b: &Value) -> PyResult<Option<bool>> {
        use Value::*;
        Ok(Some(match (a, b) {
            (Instance(i), _) if i.class.tag.is_none() && i.exc.is_none() => {
                return Ok(Option::None)
            }
            (_, Instance(i)) if i.class.tag.is_none() && i.exc.is_none() => {
                return Ok(Option::None)
            }
            (None, None) => true,
            (Str(x), Str(y)) => x == y,
            (Bool(_) | Int(_) | Long(_) | Float(_), Bool(_) | Int(_) | Long(_) | Float(_)) => {
                self.num_cmp(a, b) == Some(Ordering::Equal)
            }
            (Tuple(x), Tuple(y)) => self.seq_eq(&x.clone(), &y.clone())?,
            (List(x), List(y)) => {
                if Rc::ptr_eq(x, y) {
                    return Ok(Some(true));
                }
                let (x, y) = (x.borrow().clone(), y.borrow().clone());
                self.seq_eq(&x, &y)?
            }
            (Dict(x), Dict(y)) => {
                let (xi, yd) = (x.borrow().items(), y.clone());
                if xi.len() != yd.borrow().len() {
                    return Ok(Some(false));
                }
                for (k, v) in xi {
                    let hk = self.hash_key(&k)?;
                    let other = yd.borrow().get(&hk).cloned();
                    match other {
                        Some(w) => {
                            if !self.eq(&v, &w)? {
                                return Ok(Some(false));
                            }
                        }
                        Option::None => return Ok(Some(false)),
                    }
                }
                true
            }
            (Set(_) | FrozenSet(_), Set(_) | FrozenSet(_)) => {
                let (x, y) = (self.set_keys(a), self.set_keys(b));
                x.len() == y.len() && x.iter().all(|k| y.contains(k))
            }
            (Range(x), Range(y)) => {
                let (lx, ly) = (x.len(), y.len());
                lx == ly
                    && (lx == Some(0)
                        || (x.start == y.start && (lx == Some(1) || x.step == y.step)))
            }
            _ => a.is_same(b).unwrap_or_default(),
        }))
    }

    fn seq_eq(&mut self, x: &[Value], y: &[Value]) -> PyResult<bool> {
        if x.len() != y.len() {
            return Ok(false);
        }
        for (p, q) in x.iter().zip(y.iter()) {
            if p.is_same(q) == Some(true) {
                continue;
            }
            if !self.eq(p, q)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Exact comparison of two numbers (None when a NaN is involved).
    pub fn num_cmp(&self, a: &Value, b: &Value) -> Option<Ordering> {
        match (a, b) {
            (Value::Float(x), Value::Float(y)) => x.partial_cmp(y),
            (Value::Float(x), other) => {
                let i = other.as_bigint()?;
                num::float::cmp_float_int(*x, &i)
            }
            (other, Value::Float(y)) => {
                let i = other.as_bigint()?;
                num::float::cmp_float_int(*y, &i).map(Ordering::reverse)
            }
            _ => {
                let (x, y) = (a.as_bigint()?, b.as_bigint()?);
                Some(x.cmp(&y))
            }
        }
    }

    /// `a op b` for the six rich comparisons.
    pub fn compare(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult {
        if matches!(op, CmpOp::Eq | CmpOp::Ne) {
            if let Some(r) = self.builtin_eq(a, b)? {
                return Ok(Value::Bool(r == (op == CmpOp::Eq)));
            }
        } else if let Some(ord) = self.builtin_order(op, a, b)? {
            return Ok(Value::Bool(ord));
        }
        // User classes: a.__op__(b), then the reflection b.__rop__(a).
        for (obj, name, arg) in [(a, op.dunder(), b), (b, op.swapped().dunder(), a)] {
            if let Value::Instance(i) = obj {
                if i.class.tag.is_none() {
                    if let Some(m) = self.lookup_special(obj, name) {
                        let r = self.call_value(&m, vec![arg.clone()])?;
                        if !matches!(r, Value::NotImplemented) {
                            return Ok(r);
                        }
                    }
                }
            }
        }
        match op {
            CmpOp::Eq => Ok(Value::Bool(a.is_same(b) == Some(true))),
            CmpOp::Ne => {
                // `__ne__` defaults to the negation of `__eq__`.
                if let Value::Instance(i) = a {
                    if i.class.tag.is_none() && i.class.lookup("__eq__").is_some() {
                        let r = self.compare(CmpOp::Eq, a, b)?;
                        return Ok(Value::Bool(!self.truthy(&r)?));
                    }
                }
                Ok(Value::Bool(a.is_same(b) != Some(true)))
            }
            _ => {
                let (ta, tb) = (self.type_name(a), self.type_name(b));
                let msg = format!(
                    "'{}' not supported between instances of '{ta}' and '{tb}'",
                    op.symbol()
                );
                Err(self.err(E::TypeError, &msg))
            }
        }
    }

    /// Ordering of builtin values: Some(result), or None if not defined for these types.
    fn builtin_order(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult<Option<bool>> {
        use Value::*;
        let ord: Option<Ordering> = match (a, b) {
            (Bool(_) | Int(_) | Long(_) | Float(_), Bool(_) | Int(_) | Long(_) | Float(_)) => {
                match self.num_cmp(a, b) {
                    Some(o) => Some(o),
                    Option::None => return Ok(Some(false)),
                }
            }
            (Str(x), Str(y)) => Some(x.cmp(y)),
            (Tuple(x), Tuple(y)) => return self.seq_order(op, &x.clone(), &y.clone()).map(Some),
            (List(x), List(y)) => {
                let (x, y) = (x.borrow().clone(), y.borrow().clone());
                return self.seq_order(op, &x, &y).map(Some);
            }
            (Set(_) | FrozenSet(_), Set(_) | FrozenSet(_)) => {
                let (x, y) = (self.set_keys(a), self.set_keys(b));
                let sub = x.iter().all(|k| y.contains(k));
                let sup = y.iter().all(|k| x.contains(k));
                return Ok(Some(match op {
                    CmpOp::Lt => sub && x.len() < y.len(),
                    CmpOp::Le => sub,
                    CmpOp::Gt => sup && x.len() > y.len(),
                    CmpOp::Ge => sup,
                    _ => unreachable!("ordering"),
                }));
            }
            _ => Option::None,
        };
        Ok(ord.map(|o| match op {
            CmpOp::Lt => o == Ordering::Less,
            CmpOp::Le => o != Ordering::Greater,
            CmpOp::Gt => o == Ordering::Greater,
            CmpOp::Ge => o != Ordering::Less,
            _ => unreachable!("ordering"),
        }))
    }

    /// Lexicographic comparison: the first unequal pair decides.
    fn seq_order(&mut self, op: CmpOp, x: &[Value], y: &[Value]) -> PyResult<bool> {
        for (p, q) in x.iter().zip(y.iter()) {
            if p.is_same(q) == Some(true) {
                continue;
            }
            if !self.eq(p, q)? {
                let r = self.compare(op, p, q)?;
                return self.truthy(&r);
            }
        }
        let o = x.len().cmp(&y.len());
        Ok(match op {
            CmpOp::Lt => o == Ordering::Less,
            CmpOp::Le => o != Ordering::Greater,
            CmpOp::Gt => o == Ordering::Greater,
            CmpOp::Ge => o != Ordering::Less,
            _ => unreachable!("ordering"),
        })
    }

    /// `item in container`.
    pub fn contains(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        match container {
            Value::Str(s) => match item {
                Value::Str(sub) => Ok(s.contains(&**sub)),
                other => {
                    let tn = self.type_name(other);
                    Err(self.err(
                        E::TypeError,
                        &format!("'in <string>' requires string as left operand, not {tn}"),
                    ))
                }
            },
            Value::Dict(d) => {
                let k = self.hash_key_as(item, KeyUse::DictKey)?;
                Ok(d.borrow().map.contains_key(&k))
            }
            Value::Set(_) | Value::FrozenSet(_) => {
                let k = self.hash_key_as(item, KeyUse::SetElement)?;
                Ok(self.set_keys(container).contains(&k))
            }
            Value::Range(r) => {
                if let Some(i) = match item {
                    Value::Int(i) => Some(*i),
                    Value::Bool(b) => Some(*b as i64),
                    _ => None,
                } {
                    let (start, stop, step) = (r.start as i128, r.stop as i128, r.step as i128);
                    let i = i as i128;
                    let inside = if step > 0 {
                        start <= i && i < stop
                    } else {
                        stop < i && i <= start
                    };
                    return Ok(inside && (i - start) % step == 0);
                }
                let items = self.iterate(container)?;
                self.any_eq(&items, item)
            }
            Value::List(l) => {
                let items = l.borrow().clone();
                self.any_eq(&items, item)
            }
            Value::Tuple(t) => {
                let items = (**t).clone();
                self.any_eq(&items, item)
            }
            Value::Obj(o) => match &**o {
                NativeObj::DictView { dict, kind } => match kind {
                    super::object::DictViewKind::Keys => {
                        let k = self.hash_key_as(item, KeyUse::DictKey)?;
                        Ok(dict.borrow().map.contains_key(&k))
                    }
                    _ => {
                        let items = self.iterate(container)?;
                        self.any_eq(&items, item)
                    }
                },
                _ => self.contains_fallback(container, item),
            },
            _ => self.contains_fallback(container, item),
        }
    }

    fn contains_fallback(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        if let Value::Instance(i) = container {
            if i.class.tag.is_none() {
                if let Some(m) = self.lookup_special(container, "__contains__") {
                    let r = self.call_value(&m, vec![item.clone()])?;
                    return self.truthy(&r);
                }
            }
        }
        if self.is_iterable(container) {
            let it = self.get_iter(container)?;
            let mut seen = 0u64;
            while let Some(x) = self.next(&it)? {
                self.charge_item(&mut seen)?;
                if x.is_same(item) == Some(true) || self.eq(&x, item)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        let tn = self.type_name(container);
        Err(self.err(
            E::TypeError,
            &format!("argument of type '{tn}' is not iterable"),
        ))
    }

    fn any_eq(&mut self, items: &[Value], item: &Value) -> PyResult<bool> {
        for x in items {
            if x.is_same(item) == Some(true) || self.eq(x, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// The key a dict or set stores `v` under (TypeError for unhashable values).
    /// `hash_key` for a dict key or a set element: from 3.14 an unhashable one says which
    /// it was meant to be ("cannot use 'list' as a dict key (unhashable type: 'list')").
    pub fn hash_key_as(&mut self, v: &Value, as_: KeyUse) -> PyResult<HashKey> {
        match self.hash_key(v) {
            Err(e)
                if self.v.minor() >= 14
                    && self.error.is_none()
                    && self.exc_is(&e, E::TypeError) =>
            {
                let inner = self.exc_str(&e)?;
                let tn = self.type_name(v);
                let what = match as_ {
                    KeyUse::DictKey => "a dict key",
                    KeyUse::SetElement => "a set element",
                };
                Err(self.err(
                    E::TypeError,
                    &format!("cannot use '{tn}' as {what} ({inner})"),
                ))
            }
            r => r,
        }
    }

    pub fn hash_key(&mut self, v: &Value) -> PyResult<HashKey> {
        Ok(match v {
            Value::None => HashKey::None,
            Value::Ellipsis => HashKey::Ellipsis,
            Value::Bool(b) => HashKey::Int(BigInt::from(*b as i64)),
            Value::Int(i) => HashKey::Int(BigInt::from(*i)),
            Value::Long(b) => HashKey::Int((**b).clone()),
            Value::Float(f) => {
                if f.is_nan() {
                    return Err(
                        self.refuse("a NaN as a dict key or set member (its hash is its identity)")
                    );
                }
                if f.fract() == 0.0 && f.is_finite() {
                    HashKey::Int(num::float::to_bigint(*f).map_err(|e| self.num_error(e))?)
                } else {
                    HashKey::Float(f.to_bits())
                }
            }
            Value::Str(s) => HashKey::Str(s.clone()),
            Value::Tuple(t) => {
                let mut ks = Vec::with_capacity(t.len());
                for x in t.iter() {
                    ks.push(self.hash_key(x)?);
                }
                HashKey::Tuple(ks)
            }
            Value::FrozenSet(s) => {
                let mut ks: Vec<HashKey> = s.map.keys().cloned().collect();
                ks.sort_by_key(|k| format!("{k:?}"));
                HashKey::FrozenSet(ks)
            }
            Value::List(_) | Value::Dict(_) | Value::Set(_) => {
                let tn = self.type_name(v);
                return Err(self.err(E::TypeError, &format!("unhashable type: '{tn}'")));
            }
            Value::Slice(_) => {
                if self.v.minor() >= 12 {
                    return Err(self.refuse("slices as dict keys"));
                }
                return Err(self.err(E::TypeError, "unhashable type: 'slice'"));
            }
            Value::Range(_) => return Err(self.refuse("ranges as dict keys")),
            Value::Instance(i) => {
                if i.class.tag.is_none() {
                    let defines_eq = i.class.lookup("__eq__").is_some();
                    match i.class.lookup("__hash__") {
                        Some(Value::None) => {
                            let tn = i.class.name.to_string();
                            return Err(self.err(E::TypeError, &format!("unhashable type: '{tn}'")));
                        }
                        Some(_) => {
                            return Err(self
                                .refuse("a dict key or set member whose class defines __hash__"))
                        }
                        None if defines_eq => {
                            let tn = i.class.name.to_string();
                            return Err(self.err(E::TypeError, &format!("unhashable type: '{tn}'")));
                        }
                        None => {}
                    }
                }
                HashKey::Id(i.id)
            }
            Value::Class(c) => HashKey::Id(c.id),
            Value::Function(f) => HashKey::Id(Rc::as_ptr(f) as usize as u64),
            Value::Native(f) => HashKey::Id(Rc::as_ptr(f) as usize as u64),
            Value::Module(m) => HashKey::Id(Rc::as_ptr(m) as usize as u64),
            Value::Iter(i) => HashKey::Id(Rc::as_ptr(i) as *const u8 as usize as u64),
            Value::Obj(o) => HashKey::Id(Rc::as_ptr(o) as usize as u64),
            Value::Cell(c) => HashKey::Id(Rc::as_ptr(c) as *const u8 as usize as u64),
            Value::Coro(c) => HashKey::Id((1 << 62) | c.0 as u64),
            Value::Future(f) => HashKey::Id((1 << 61) | f.0 as u64),
            Value::Method(m) => {
                let a = self.hash_key(&m.0)?;
                let b = self.hash_key(&m.1)?;
                HashKey::Tuple(vec![HashKey::Id(u64::MAX), a, b])
            }
            Value::NotImplemented => HashKey::Id(u64::MAX - 1),
        })
    }
}
