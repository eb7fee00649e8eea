//! `random`: CPython's Mersenne Twister (`random_core.rs`), reproduced exactly for a program
//! that seeds it. Without `random.seed(x)` CPython seeds from the operating system's entropy:
//! the model refuses to draw such numbers (SPEC M6).

use std::cell::RefCell;
use std::rc::Rc;

use num_bigint::BigInt;

use super::super::exceptions::E;
use super::super::object::{Args, Module, NativeObj};
use super::super::value::{PyResult, Value};
use super::module_with;
use super::random_core::{Num, Random, RandomError, SeedArg};
use crate::runtime::Runtime;
use crate::version::PyVersion;

pub fn module(_v: PyVersion) -> Rc<Module> {
    module_with(
        "random",
        &[
            ("seed", seed),
            ("random", random),
            ("uniform", uniform),
            ("randint", randint),
            ("randrange", randrange),
            ("choice", choice),
            ("shuffle", shuffle),
            ("sample", sample),
            ("choices", choices),
            ("gauss", gauss),
            ("normalvariate", normalvariate),
            ("expovariate", expovariate),
            ("triangular", triangular),
            ("getrandbits", getrandbits),
            ("Random", new_random),
        ],
    )
}

/// The generator a call draws from: a `Random` instance, or the module's hidden one.
fn with_gen<T>(
    rt: &mut Runtime,
    this: Option<&Value>,
    f: impl FnOnce(&mut Random, u8) -> Result<T, RandomError>,
) -> PyResult<T> {
    let minor = rt.v.minor();
    let r = match this {
        Some(Value::Obj(o)) => match &**o {
            NativeObj::Random(g) => f(&mut g.borrow_mut(), minor),
            _ => unreachable!("bound to a Random"),
        },
        _ => match rt.random_state.as_mut() {
            Some(g) => f(g, minor),
            None => {
                return Err(rt.refuse(
                    "random numbers from an unseeded generator (call random.seed(x) first)",
                ))
            }
        },
    };
    let warnings = match this {
        Some(Value::Obj(o)) => match &**o {
            NativeObj::Random(g) => g.borrow_mut().take_warnings(),
            _ => vec![],
        },
        _ => rt
            .random_state
            .as_mut()
            .map(|g| g.take_warnings())
            .unwrap_or_default(),
    };
    for w in warnings {
        rt.warn(w.category, &w.message);
    }
    r.map_err(|e| random_error(rt, e))
}

fn random_error(rt: &mut Runtime, e: RandomError) -> super::super::value::Exc {
    match e {
        RandomError::Value(m) => rt.err(E::ValueError, &m),
        RandomError::Type(m) => rt.err(E::TypeError, &m),
        RandomError::Index(m) => rt.err(E::IndexError, &m),
        RandomError::Overflow(m) => rt.err(E::OverflowError, &m),
        RandomError::ZeroDivision(m) => rt.err(E::ZeroDivisionError, &m),
        RandomError::Unsupported(m) => rt.refuse(m),
    }
}

fn seed_arg(rt: &mut Runtime, v: &Value) -> SeedArg {
    match v {
        Value::None => SeedArg::NoneArg,
        Value::Bool(b) => SeedArg::Bool(*b),
        Value::Int(_) | Value::Long(_) => SeedArg::Int(v.as_bigint().expect("an int")),
        Value::Str(s) => SeedArg::Str(s.to_string()),
        Value::Float(f) => SeedArg::Float(*f),
        other => SeedArg::Other(rt.type_name(other)),
    }
}

fn num_arg(rt: &mut Runtime, v: &Value) -> PyResult<Num> {
    match v {
        Value::Bool(b) => Ok(Num::Bool(*b)),
        Value::Int(_) | Value::Long(_) => Ok(Num::Int(v.as_bigint().expect("an int"))),
        Value::Float(f) => Ok(Num::Float(*f)),
        other => {
            let tn = rt.type_name(other);
            let msg = format!("'{tn}' object cannot be interpreted as an integer");
            Err(rt.err(E::TypeError, &msg))
        }
    }
}

fn float_arg(rt: &mut Runtime, v: &Value) -> PyResult<f64> {
    match rt.to_f64(v)? {
        Some(f) => Ok(f),
        None => {
            let tn = rt.type_name(v);
            Err(rt.err(E::TypeError, &format!("must be real number, not {tn}")))
        }
    }
}

fn seed(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let a = args.pos.first().cloned().unwrap_or(Value::None);
    let s = seed_arg(rt, &a);
    let minor = rt.v.minor();
    match this {
        Some(Value::Obj(o)) => {
            if let NativeObj::Random(g) = &**o {
                g.borrow_mut()
                    .seed(&s, minor)
                    .map_err(|e| random_error(rt, e))?;
            }
        }
        _ => {
            let g = Random::new_seeded(&s, minor).map_err(|e| random_error(rt, e))?;
            rt.random_state = Some(g);
        }
    }
    Ok(Value::None)
}

fn new_random(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let a = args.pos.first().cloned().unwrap_or(Value::None);
    let s = seed_arg(rt, &a);
    let minor = rt.v.minor();
    let g = Random::new_seeded(&s, minor).map_err(|e| random_error(rt, e))?;
    Ok(Value::Obj(Rc::new(NativeObj::Random(Box::new(
        RefCell::new(g),
    )))))
}

fn random(rt: &mut Runtime, this: Option<&Value>, _args: Args) -> PyResult {
    with_gen(rt, this, |g, _| Ok(g.random())).map(Value::Float)
}

fn uniform(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let [a, b] = super::super::builtins::exact_args(rt, "uniform", args)?;
    let (a, b) = (float_arg(rt, &a)?, float_arg(rt, &b)?);
    with_gen(rt, this, |g, _| Ok(g.uniform(a, b))).map(Value::Float)
}

fn gauss(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let mu = match args.pos.first() {
        Some(v) => float_arg(rt, v)?,
        None => 0.0,
    };
    let sigma = match args.pos.get(1) {
        Some(v) => float_arg(rt, v)?,
        None => 1.0,
    };
    with_gen(rt, this, |g, _| Ok(g.gauss(mu, sigma))).map(Value::Float)
}

fn normalvariate(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let mu = match args.pos.first() {
        Some(v) => float_arg(rt, v)?,
        None => 0.0,
    };
    let sigma = match args.pos.get(1) {
        Some(v) => float_arg(rt, v)?,
        None => 1.0,
    };
    with_gen(rt, this, |g, _| Ok(g.normalvariate(mu, sigma))).map(Value::Float)
}

fn expovariate(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let l = match args.pos.first() {
        Some(v) => float_arg(rt, v)?,
        None => 1.0,
    };
    with_gen(rt, this, |g, _| g.expovariate(l)).map(Value::Float)
}

fn triangular(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let low = match args.pos.first() {
        Some(v) => float_arg(rt, v)?,
        None => 0.0,
    };
    let high = match args.pos.get(1) {
        Some(v) => float_arg(rt, v)?,
        None => 1.0,
    };
    let mode = match args.pos.get(2) {
        Some(Value::None) | None => None,
        Some(v) => Some(float_arg(rt, v)?),
    };
    with_gen(rt, this, |g, _| Ok(g.triangular(low, high, mode))).map(Value::Float)
}

fn randint(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let [a, b] = super::super::builtins::exact_args(rt, "randint", args)?;
    let (a, b) = (num_arg(rt, &a)?, num_arg(rt, &b)?);
    with_gen(rt, this, |g, m| g.randint(&a, &b, m)).map(Value::from_bigint)
}

fn randrange(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    if args.pos.is_empty() || args.pos.len() > 3 {
        return Err(rt.refuse("randrange() with this many arguments"));
    }
    let start = num_arg(rt, &args.pos[0])?;
    let stop = match args.pos.get(1) {
        Some(Value::None) | None => None,
        Some(v) => Some(num_arg(rt, v)?),
    };
    let step = match args.pos.get(2) {
        Some(v) => num_arg(rt, v)?,
        None => Num::Int(BigInt::from(1)),
    };
    with_gen(rt, this, |g, m| {
        g.randrange(&start, stop.as_ref(), &step, m)
    })
    .map(Value::from_bigint)
}

fn getrandbits(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let k = super::super::builtins::one_arg(rt, "getrandbits", args)?;
    let Some(k) = k.as_bigint() else {
        let tn = rt.type_name(&k);
        let msg = format!("'{tn}' object cannot be interpreted as an integer");
        return Err(rt.err(E::TypeError, &msg));
    };
    with_gen(rt, this, |g, m| g.getrandbits(&k, m)).map(Value::from_bigint)
}

fn sequence(rt: &mut Runtime, v: &Value, what: &str) -> PyResult<Vec<Value>> {
    match v {
        Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Range(_) => rt.iterate(v),
        Value::Set(_) | Value::FrozenSet(_) | Value::Dict(_) => Err(rt.refuse(format!(
            "random.{what}() of a {} (its order or its TypeError depends on the version)",
            rt.type_name(v)
        ))),
        other => {
            let tn = rt.type_name(other);
            let msg = format!("object of type '{tn}' has no len()");
            Err(rt.err(E::TypeError, &msg))
        }
    }
}

fn choice(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let seq = super::super::builtins::one_arg(rt, "choice", args)?;
    let items = sequence(rt, &seq, "choice")?;
    let i = with_gen(rt, this, |g, m| g.choice(items.len(), m))?;
    // 3.9/3.10 index an empty sequence and raise its own IndexError.
    rt.getitem(&seq, &Value::Int(i as i64))
}

fn shuffle(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let x = super::super::builtins::one_arg(rt, "shuffle", args)?;
    let Value::List(l) = &x else {
        return Err(rt.refuse("random.shuffle() of something other than a list"));
    };
    let n = l.borrow().len();
    let perm = with_gen(rt, this, |g, _| Ok(g.shuffle(n)))?;
    let items = l.borrow().clone();
    *l.borrow_mut() = perm.into_iter().map(|i| items[i].clone()).collect();
    Ok(Value::None)
}

fn sample(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    if args.pos.len() != 2 || !args.kw.is_empty() {
        return Err(rt.refuse("random.sample() with counts= or keywords"));
    }
    let items = sequence(rt, &args.pos[0], "sample")?;
    let k = match &args.pos[1] {
        Value::Int(k) => *k,
        other => {
            let tn = rt.type_name(other);
            let msg = format!("'{tn}' object cannot be interpreted as an integer");
            return Err(rt.err(E::TypeError, &msg));
        }
    };
    let idx = with_gen(rt, this, |g, m| g.sample(items.len(), k, m))?;
    Ok(Value::list(
        idx.into_iter().map(|i| items[i].clone()).collect(),
    ))
}

fn choices(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    use super::super::args::{bind, Param};
    let [pop, weights, cum, k] = bind(
        rt,
        "choices",
        args,
        &[
            Param::req("population"),
            Param::opt("weights", Value::None),
            Param::opt_kw("cum_weights", Value::None),
            Param::opt_kw("k", Value::Int(1)),
        ],
    )?;
    let items = sequence(rt, &pop, "choices")?;
    let to_floats = |rt: &mut Runtime, v: &Value| -> PyResult<Option<Vec<f64>>> {
        if v.is_none() {
            return Ok(None);
        }
        let xs = rt.iterate(v)?;
        let mut out = Vec::with_capacity(xs.len());
        for x in &xs {
            out.push(float_arg(rt, x)?);
        }
        Ok(Some(out))
    };
    let w = to_floats(rt, &weights)?;
    let c = to_floats(rt, &cum)?;
    let k = match k {
        Value::Int(k) => k,
        _ => return Err(rt.refuse("random.choices() with a non-int k")),
    };
    let n = items.len();
    let idx = with_gen(rt, this, |g, m| {
        g.choices(n, w.as_deref(), c.as_deref(), k, m)
    })?;
    let mut out = Vec::with_capacity(idx.len());
    for i in idx {
        out.push(rt.getitem(&pop, &Value::Int(i as i64))?);
    }
    Ok(Value::list(out))
}

/// Methods of a `random.Random` instance.
pub fn method(name: &str) -> Option<(&'static str, super::super::object::NativeImpl)> {
    let fns: &[(&'static str, super::super::object::NativeImpl)] = &[
        ("seed", seed),
        ("random", random),
        ("uniform", uniform),
        ("randint", randint),
        ("randrange", randrange),
        ("choice", choice),
        ("shuffle", shuffle),
        ("sample", sample),
        ("choices", choices),
        ("gauss", gauss),
        ("normalvariate", normalvariate),
        ("expovariate", expovariate),
        ("triangular", triangular),
        ("getrandbits", getrandbits),
    ];
    fns.iter().find(|(n, _)| *n == name).copied()
}
