//! Methods of `str`.

use super::super::args::{bind, Param};
use super::super::exceptions::E;
use super::super::object::{Args, NativeImpl};
use super::super::value::{PyResult, Value};
use crate::runtime::Runtime;

pub fn lookup(name: &str, minor: u8) -> Option<NativeImpl> {
    Some(match name {
        "upper" => upper,
        "lower" => lower,
        "casefold" => lower,
        "capitalize" => capitalize,
        "title" => title,
        "swapcase" => swapcase,
        "strip" => strip,
        "lstrip" => lstrip,
        "rstrip" => rstrip,
        "split" => split,
        "rsplit" => rsplit,
        "splitlines" => splitlines,
        "join" => join,
        "replace" => replace,
        "startswith" => startswith,
        "endswith" => endswith,
        "find" => find,
        "rfind" => rfind,
        "index" => index,
        "rindex" => rindex,
        "count" => count,
        "format" => format,
        "format_map" => format_map,
        "center" => center,
        "ljust" => ljust,
        "rjust" => rjust,
        "zfill" => zfill,
        "partition" => partition,
        "rpartition" => rpartition,
        "isdigit" => isdigit,
        "isdecimal" => isdecimal,
        "isnumeric" => isnumeric,
        "isalpha" => isalpha,
        "isalnum" => isalnum,
        "isspace" => isspace,
        "islower" => islower,
        "isupper" => isupper,
        "istitle" => istitle,
        "isidentifier" => isidentifier,
        "isprintable" => isprintable,
        "isascii" => isascii,
        "removeprefix" if minor >= 9 => removeprefix,
        "removesuffix" if minor >= 9 => removesuffix,
        _ => return None,
    })
}

fn this_str(this: Option<&Value>) -> std::rc::Rc<str> {
    match this {
        Some(Value::Str(s)) => s.clone(),
        _ => unreachable!("a str method bound to a str"),
    }
}

/// The name a method's errors use: `str.join()` from 3.9, `join()` before.
fn qual(rt: &Runtime, name: &str) -> String {
    if rt.v.minor() >= 9 {
        format!("str.{name}")
    } else {
        name.to_string()
    }
}

fn no_args(rt: &mut Runtime, name: &str, args: &Args) -> PyResult<()> {
    if !args.pos.is_empty() || !args.kw.is_empty() {
        let msg = format!(
            "{}() takes no arguments ({} given)",
            qual(rt, name),
            args.pos.len() + args.kw.len()
        );
        return Err(rt.err(E::TypeError, &msg));
    }
    Ok(())
}

fn s(v: &str) -> Value {
    Value::str(v)
}

fn upper(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    no_args(rt, "upper", &args)?;
    Ok(s(&this_str(this).to_uppercase()))
}

fn lower(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    no_args(rt, "lower", &args)?;
    Ok(s(&this_str(this).to_lowercase()))
}

fn capitalize(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    no_args(rt, "capitalize", &args)?;
    let t = this_str(this);
    let mut c = t.chars();
    let out = match c.next() {
        Some(f) => {
            // 3.8+ use title case for the first character.
            let first: String = if rt.v.minor() >= 8 {
                title_case(f)
            } else {
                f.to_uppercase().collect()
            };
            first + &c.as_str().to_lowercase()
        }
        None => String::new(),
    };
    Ok(s(&out))
}

fn title_case(c: char) -> String {
    // Title case differs from upper case only for a few digraphs (ǅ and friends).
    match c {
        'Ǆ' | 'ǅ' | 'ǆ' => "ǅ".into(),
        'Ǉ' | 'ǈ' | 'ǉ' => "ǈ".into(),
        'Ǌ' | 'ǋ' | 'ǌ' => "ǋ".into(),
        'Ǳ' | 'ǲ' | 'ǳ' => "ǲ".into(),
        c => c.to_uppercase().collect(),
    }
}

fn title(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    no_args(rt, "title", &args)?;
    let mut out = String::new();
    let mut prev_cased = false;
    for c in this_str(this).chars() {
        if prev_cased {
            out.extend(c.to_lowercase());
        } else {
            out.push_str(&title_case(c));
        }
        prev_cased = c.is_lowercase() || c.is_uppercase();
    }
    Ok(s(&out))
}

fn swapcase(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    no_args(rt, "swapcase", &args)?;
    let out: String = this_str(this)
        .chars()
        .flat_map(|c| {
            if c.is_uppercase() {
                c.to_lowercase().collect::<Vec<char>>()
            } else if c.is_lowercase() {
                c.to_uppercase().collect()
            } else {
                vec![c]
            }
        })
        .collect();
    Ok(s(&out))
}

/// Python's whitespace (`str.isspace`).
pub fn is_space(c: char) -> bool {
    super::super::num::int::is_py_space(c)
}

fn chars_arg(rt: &mut Runtime, name: &str, args: Args) -> PyResult<Option<String>> {
    if !args.kw.is_empty() {
        let msg = format!("{}() takes no keyword arguments", qual(rt, name));
        return Err(rt.err(E::TypeError, &msg));
    }
    if args.pos.len() > 1 {
        let msg = format!(
            "{} expected at most 1 argument, got {}",
            name,
            args.pos.len()
        );
        return Err(rt.err(E::TypeError, &msg));
    }
    match args.pos.first() {
        None | Some(Value::None) => Ok(None),
        Some(Value::Str(c)) => Ok(Some(c.to_string())),
        Some(other) => {
            let tn = rt.type_name(other);
            Err(rt.err(E::TypeError, &format!("{name} arg must be None or str"))).inspect_err(
                |_e| {
                    let _ = tn;
                },
            )
        }
    }
}

fn strip_with(t: &str, chars: &Option<String>, left: bool, right: bool) -> String {
    let is_strip = |c: char| match chars {
        Some(set) => set.contains(c),
        None => is_space(c),
    };
    let mut r: &str = t;
    if left {
        r = r.trim_start_matches(is_strip);
    }
    if right {
        r = r.trim_end_matches(is_strip);
    }
    r.to_string()
}

fn strip(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let c = chars_arg(rt, "strip", args)?;
    Ok(s(&strip_with(&this_str(this), &c, true, true)))
}

fn lstrip(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let c = chars_arg(rt, "lstrip", args)?;
    Ok(s(&strip_with(&this_str(this), &c, true, false)))
}

fn rstrip(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let c = chars_arg(rt, "rstrip", args)?;
    Ok(s(&strip_with(&this_str(this), &c, false, true)))
}

fn sep_maxsplit(rt: &mut Runtime, name: &str, args: Args) -> PyResult<(Option<String>, i64)> {
    let [sep, maxsplit] = bind(
        rt,
        name,
        args,
        &[
            Param::opt("sep", Value::None),
            Param::opt("maxsplit", Value::Int(-1)),
        ],
    )?;
    let sep = match sep {
        Value::None => None,
        Value::Str(ref x) => {
            if x.is_empty() {
                return Err(rt.err(E::ValueError, "empty separator"));
            }
            Some(x.to_string())
        }
        other => {
            let tn = rt.type_name(&other);
            return Err(rt.err(E::TypeError, &format!("must be str or None, not {tn}")));
        }
    };
    let maxsplit = rt.index_i64(&maxsplit)?.unwrap_or(i64::MAX);
    Ok((sep, maxsplit))
}

fn split(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let (sep, max) = sep_maxsplit(rt, "split", args)?;
    let t = this_str(this);
    let parts: Vec<String> = match sep {
        Some(sep) => {
            if max < 0 {
                t.split(sep.as_str()).map(str::to_string).collect()
            } else {
                t.splitn(max as usize + 1, sep.as_str())
                    .map(str::to_string)
                    .collect()
            }
        }
        None => {
            let mut out = Vec::new();
            let mut rest: &str = t.trim_start_matches(is_space);
            let mut n = 0i64;
            while !rest.is_empty() {
                if max >= 0 && n >= max {
                    out.push(rest.to_string());
                    break;
                }
                let end = rest.find(is_space).unwrap_or(rest.len());
                out.push(rest[..end].to_string());
                rest = rest[end..].trim_start_matches(is_space);
                n += 1;
            }
            out
        }
    };
    Ok(Value::list(parts.iter().map(|p| s(p)).collect()))
}

fn rsplit(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let (sep, max) = sep_maxsplit(rt, "rsplit", args)?;
    let t = this_str(this);
    let mut parts: Vec<String> = match sep {
        Some(sep) => {
            if max < 0 {
                t.split(sep.as_str()).map(str::to_string).collect()
            } else {
                let mut v: Vec<String> = t
                    .rsplitn(max as usize + 1, sep.as_str())
                    .map(str::to_string)
                    .collect();
                v.reverse();
                v
            }
        }
        None => {
            let mut out = Vec::new();
            let mut rest: &str = t.trim_end_matches(is_space);
            let mut n = 0i64;
            while !rest.is_empty() {
                if max >= 0 && n >= max {
                    out.push(rest.to_string());
                    break;
                }
                let start = rest
                    .rfind(is_space)
                    .map(|p| p + rest[p..].chars().next().map_or(1, char::len_utf8))
                    .unwrap_or(0);
                out.push(rest[start..].to_string());
                rest = rest[..start].trim_end_matches(is_space);
                n += 1;
            }
            out.reverse();
            out
        }
    };
    if parts.is_empty() {
        parts = vec![];
    }
    Ok(Value::list(parts.iter().map(|p| s(p)).collect()))
}

fn splitlines(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let [keep] = bind(
        rt,
        "splitlines",
        args,
        &[Param::opt("keepends", Value::Bool(false))],
    )?;
    let keep = rt.truthy(&keep)?;
    let t = this_str(this);
    let mut out = Vec::new();
    let chars: Vec<char> = t.chars().collect();
    let mut start = 0;
    let mut i = 0;
    let is_break = |c: char| {
        matches!(
            c,
            '\n' | '\r'
                | '\x0b'
                | '\x0c'
                | '\x1c'
                | '\x1d'
                | '\x1e'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        )
    };
    while i < chars.len() {
        if is_break(chars[i]) {
            let mut end = i + 1;
            if chars[i] == '\r' && chars.get(i + 1) == Some(&'\n') {
                end += 1;
            }
            let line: String = if keep {
                chars[start..end].iter().collect()
            } else {
                chars[start..i].iter().collect()
            };
            out.push(s(&line));
            start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    if start < chars.len() {
        out.push(s(&chars[start..].iter().collect::<String>()));
    }
    Ok(Value::list(out))
}

fn join(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let name = qual(rt, "join");
    if !args.kw.is_empty() || args.pos.len() != 1 {
        let msg = format!(
            "{name}() takes exactly one argument ({} given)",
            args.pos.len()
        );
        return Err(rt.err(E::TypeError, &msg));
    }
    let it = &args.pos[0];
    if !rt.is_iterable(it) {
        return Err(rt.err(E::TypeError, "can only join an iterable"));
    }
    let items = rt.iterate(it)?;
    let sep = this_str(this);
    let mut out = String::new();
    for (i, x) in items.iter().enumerate() {
        match x {
            Value::Str(p) => {
                if i > 0 {
                    out.push_str(&sep);
                }
                out.push_str(p);
            }
            other => {
                let tn = rt.type_name(other);
                let msg = format!("sequence item {i}: expected str instance, {tn} found");
                return Err(rt.err(E::TypeError, &msg));
            }
        }
    }
    rt.check_built(out.len())?;
    Ok(s(&out))
}

fn str_arg(rt: &mut Runtime, v: &Value, what: &str) -> PyResult<std::rc::Rc<str>> {
    match v {
        Value::Str(x) => Ok(x.clone()),
        other => {
            let tn = rt.type_name(other);
            let msg = format!("{what} must be str, not {tn}");
            Err(rt.err(E::TypeError, &msg))
        }
    }
}

fn replace(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    if !args.kw.is_empty() && rt.v.minor() < 13 {
        let msg = format!("{}() takes no keyword arguments", qual(rt, "replace"));
        return Err(rt.err(E::TypeError, &msg));
    }
    if args.pos.len() < 2 || args.pos.len() > 3 {
        let msg = format!(
            "replace expected at least 2 arguments, got {}",
            args.pos.len()
        );
        return Err(rt.err(E::TypeError, &msg));
    }
    let old = str_arg(rt, &args.pos[0], "replace() argument 1")?;
    let new = str_arg(rt, &args.pos[1], "replace() argument 2")?;
    let count = match args.pos.get(2) {
        Some(v) => rt.index_i64(v)?.unwrap_or(i64::MAX),
        None => -1,
    };
    let t = this_str(this);
    let out = if count < 0 {
        t.replace(&*old, &new)
    } else {
        t.replacen(&*old, &new, count as usize)
    };
    rt.check_built(out.len())?;
    Ok(s(&out))
}

fn affix(rt: &mut Runtime, this: Option<&Value>, args: Args, name: &str, start: bool) -> PyResult {
    if args.pos.is_empty() || args.pos.len() > 3 {
        let msg = format!(
            "{name} expected at least 1 argument, got {}",
            args.pos.len()
        );
        return Err(rt.err(E::TypeError, &msg));
    }
    let t = this_str(this);
    let chars: Vec<char> = t.chars().collect();
    let (lo, hi) = slice_bounds(rt, &args.pos[1..], chars.len())?;
    let sub: String = if lo <= hi {
        chars[lo..hi].iter().collect()
    } else {
        String::new()
    };
    let test = |p: &str| {
        if start {
            sub.starts_with(p)
        } else {
            sub.ends_with(p)
        }
    };
    match &args.pos[0] {
        Value::Str(p) => Ok(Value::Bool(
            lo <= hi.max(lo) && (lo <= chars.len()) && test(p),
        )),
        Value::Tuple(ps) => {
            for p in ps.iter() {
                match p {
                    Value::Str(p) => {
                        if test(p) {
                            return Ok(Value::Bool(true));
                        }
                    }
                    other => {
                        let tn = rt.type_name(other);
                        let msg = format!("tuple for {name} must only contain str, not {tn}");
                        return Err(rt.err(E::TypeError, &msg));
                    }
                }
            }
            Ok(Value::Bool(false))
        }
        other => {
            let tn = rt.type_name(other);
            let msg = format!("{name} first arg must be str or a tuple of str, not {tn}");
            Err(rt.err(E::TypeError, &msg))
        }
    }
}

/// Optional `start`, `end` arguments against a length, clamped as slices are.
fn slice_bounds(rt: &mut Runtime, extra: &[Value], len: usize) -> PyResult<(usize, usize)> {
    let norm = |rt: &mut Runtime, v: &Value, default: usize| -> PyResult<usize> {
        if v.is_none() {
            return Ok(default);
        }
        let i = rt.index_i64(v)?.unwrap_or(if Runtime::int_is_negative(v) {
            i64::MIN
        } else {
            i64::MAX
        });
        let n = len as i64;
        let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
        Ok(j as usize)
    };
    let lo = match extra.first() {
        Some(v) => norm(rt, v, 0)?,
        None => 0,
    };
    let hi = match extra.get(1) {
        Some(v) => norm(rt, v, len)?,
        None => len,
    };
    Ok((lo, hi))
}

fn startswith(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    affix(rt, this, args, "startswith", true)
}

fn endswith(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    affix(rt, this, args, "endswith", false)
}

/// Character index of `sub` in `t[lo:hi]`, searching from the left or the right.
fn find_in(t: &str, sub: &str, lo: usize, hi: usize, right: bool) -> Option<usize> {
    let chars: Vec<char> = t.chars().collect();
    if lo > hi || lo > chars.len() {
        return None;
    }
    let hay: String = chars[lo..hi].iter().collect();
    let found = if right { hay.rfind(sub) } else { hay.find(sub) };
    found.map(|b| lo + hay[..b].chars().count())
}

fn find_impl(
    rt: &mut Runtime,
    this: Option<&Value>,
    args: Args,
    name: &str,
    right: bool,
) -> PyResult<Option<usize>> {
    if !args.kw.is_empty() {
        let msg = format!("{}() takes no keyword arguments", qual(rt, name));
        return Err(rt.err(E::TypeError, &msg));
    }
    if args.pos.is_empty() || args.pos.len() > 3 {
        let msg = format!(
            "{name} expected at least 1 argument, got {}",
            args.pos.len()
        );
        return Err(rt.err(E::TypeError, &msg));
    }
    let sub = match &args.pos[0] {
        Value::Str(x) => x.clone(),
        other => {
            let tn = rt.type_name(other);
            let msg = format!("must be str, not {tn}");
            return Err(rt.err(E::TypeError, &msg));
        }
    };
    let t = this_str(this);
    let len = t.chars().count();
    let (lo, hi) = slice_bounds(rt, &args.pos[1..], len)?;
    Ok(find_in(&t, &sub, lo, hi, right))
}

fn find(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let r = find_impl(rt, this, args, "find", false)?;
    Ok(Value::Int(r.map_or(-1, |i| i as i64)))
}

fn rfind(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let r = find_impl(rt, this, args, "rfind", true)?;
    Ok(Value::Int(r.map_or(-1, |i| i as i64)))
}

fn index(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    match find_impl(rt, this, args, "index", false)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(rt.err(E::ValueError, "substring not found")),
    }
}

fn rindex(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    match find_impl(rt, this, args, "rindex", true)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(rt.err(E::ValueError, "substring not found")),
    }
}

fn count(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    if args.pos.is_empty() || args.pos.len() > 3 {
        let msg = format!("count expected at least 1 argument, got {}", args.pos.len());
        return Err(rt.err(E::TypeError, &msg));
    }
    let sub = match &args.pos[0] {
        Value::Str(x) => x.clone(),
        other => {
            let tn = rt.type_name(other);
            return Err(rt.err(E::TypeError, &format!("must be str, not {tn}")));
        }
    };
    let t = this_str(this);
    let chars: Vec<char> = t.chars().collect();
    let (lo, hi) = slice_bounds(rt, &args.pos[1..], chars.len())?;
    if lo > hi {
        return Ok(Value::Int(0));
    }
    let hay: String = chars[lo..hi].iter().collect();
    let n = if sub.is_empty() {
        hay.chars().count() + 1
    } else {
        hay.matches(&*sub).count()
    };
    Ok(Value::Int(n as i64))
}

fn format(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let t = this_str(this);
    Ok(s(&rt.str_format(&t, &args)?))
}

fn format_map(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let m = super::super::builtins::one_arg(rt, "format_map", args)?;
    let Value::Dict(d) = &m else {
        return Err(rt.refuse("str.format_map() of something other than a dict"));
    };
    let mut kw = Vec::new();
    for (k, v) in d.borrow().items() {
        if let Value::Str(ref k) = k {
            kw.push((k.clone(), v));
        }
    }
    let t = this_str(this);
    Ok(s(&rt.str_format(&t, &Args { pos: vec![], kw })?))
}

fn pad_args(rt: &mut Runtime, name: &str, args: Args) -> PyResult<(usize, char)> {
    if args.pos.is_empty() || args.pos.len() > 2 || !args.kw.is_empty() {
        let msg = format!(
            "{name} expected at least 1 argument, got {}",
            args.pos.len()
        );
        return Err(rt.err(E::TypeError, &msg));
    }
    let w = rt.index_i64(&args.pos[0])?.unwrap_or(i64::MAX);
    if w > rt.config.max_size as i64 {
        return Err(rt.refuse("padding beyond the model's size limit"));
    }
    let fill = match args.pos.get(1) {
        Some(Value::Str(f)) if f.chars().count() == 1 => f.chars().next().expect("one"),
        Some(Value::Str(_)) => {
            return Err(rt.err(
                E::TypeError,
                "The fill character must be exactly one character long",
            ))
        }
        Some(other) => {
            let tn = rt.type_name(other);
            let msg = format!("{name}() argument 2 must be str of length 1, not {tn}");
            return Err(rt.err(E::TypeError, &msg));
        }
        None => ' ',
    };
    Ok((w.max(0) as usize, fill))
}

fn center(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let (w, f) = pad_args(rt, "center", args)?;
    let t = this_str(this);
    let n = t.chars().count();
    if w <= n {
        return Ok(s(&t));
    }
    let marg = w - n;
    // CPython: left = marg / 2 + (marg & width & 1).
    let left = marg / 2 + (marg & w & 1);
    let right = marg - left;
    let fs = f.to_string();
    Ok(s(&format!("{}{t}{}", fs.repeat(left), fs.repeat(right))))
}

fn ljust(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let (w, f) = pad_args(rt, "ljust", args)?;
    let t = this_str(this);
    let n = t.chars().count();
    Ok(s(&format!(
        "{t}{}",
        f.to_string().repeat(w.saturating_sub(n))
    )))
}

fn rjust(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let (w, f) = pad_args(rt, "rjust", args)?;
    let t = this_str(this);
    let n = t.chars().count();
    Ok(s(&format!(
        "{}{t}",
        f.to_string().repeat(w.saturating_sub(n))
    )))
}

fn zfill(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let w = super::super::builtins::one_arg(rt, "zfill", args)?;
    let w = rt.index_i64(&w)?.unwrap_or(i64::MAX);
    if w > rt.config.max_size as i64 {
        return Err(rt.refuse("padding beyond the model's size limit"));
    }
    let t = this_str(this);
    let n = t.chars().count() as i64;
    if w <= n {
        return Ok(s(&t));
    }
    let pad = "0".repeat((w - n) as usize);
    let out = if let Some(rest) = t.strip_prefix(['+', '-']) {
        format!("{}{pad}{rest}", &t[..1])
    } else {
        format!("{pad}{t}")
    };
    Ok(s(&out))
}

fn partition_impl(rt: &mut Runtime, this: Option<&Value>, args: Args, right: bool) -> PyResult {
    let sep =
        super::super::builtins::one_arg(rt, if right { "rpartition" } else { "partition" }, args)?;
    let sep = match &sep {
        Value::Str(x) => x.clone(),
        other => {
            let tn = rt.type_name(other);
            return Err(rt.err(E::TypeError, &format!("must be str, not {tn}")));
        }
    };
    if sep.is_empty() {
        return Err(rt.err(E::ValueError, "empty separator"));
    }
    let t = this_str(this);
    let found = if right { t.rfind(&*sep) } else { t.find(&*sep) };
    Ok(Value::tuple(match found {
        Some(p) => vec![s(&t[..p]), Value::Str(sep.clone()), s(&t[p + sep.len()..])],
        None if right => vec![s(""), s(""), Value::Str(t.clone())],
        None => vec![Value::Str(t.clone()), s(""), s("")],
    }))
}

fn partition(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    partition_impl(rt, this, args, false)
}

fn rpartition(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    partition_impl(rt, this, args, true)
}

fn predicate(
    rt: &mut Runtime,
    this: Option<&Value>,
    args: Args,
    name: &str,
    f: fn(&str) -> bool,
) -> PyResult {
    no_args(rt, name, &args)?;
    Ok(Value::Bool(f(&this_str(this))))
}

fn isdigit(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    predicate(rt, this, args, "isdigit", |t| {
        !t.is_empty()
            && t.chars()
                .all(|c| c.is_ascii_digit() || (c.is_numeric() && unicode_digit(c)))
    })
}

fn unicode_digit(c: char) -> bool {
    super::super::num::int::decimal_value(c, 13).is_some()
        || matches!(c, '²' | '³' | '¹' | '⁰'..='⁹' | '₀'..='₉' | '①'..='⑨')
}

fn isdecimal(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let minor = rt.v.minor();
    no_args(rt, "isdecimal", &args)?;
    let t = this_str(this);
    Ok(Value::Bool(
        !t.is_empty()
            && t.chars()
                .all(|c| super::super::num::int::decimal_value(c, minor).is_some()),
    ))
}

fn isnumeric(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    predicate(rt, this, args, "isnumeric", |t| {
        !t.is_empty() && t.chars().all(char::is_numeric)
    })
}

fn isalpha(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    predicate(rt, this, args, "isalpha", |t| {
        !t.is_empty() && t.chars().all(char::is_alphabetic)
    })
}

fn isalnum(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    predicate(rt, this, args, "isalnum", |t| {
        !t.is_empty() && t.chars().all(|c| c.is_alphabetic() || c.is_numeric())
    })
}

fn isspace(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    predicate(rt, this, args, "isspace", |t| {
        !t.is_empty() && t.chars().all(is_space)
    })
}

fn islower(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    predicate(rt, this, args, "islower", |t| {
        t.chars().any(char::is_lowercase) && !t.chars().any(char::is_uppercase)
    })
}

fn isupper(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    predicate(rt, this, args, "isupper", |t| {
        t.chars().any(char::is_uppercase) && !t.chars().any(char::is_lowercase)
    })
}

fn istitle(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    predicate(rt, this, args, "istitle", |t| {
        let mut cased = false;
        let mut prev_cased = false;
        for c in t.chars() {
            if c.is_uppercase() {
                if prev_cased {
                    return false;
                }
                prev_cased = true;
                cased = true;
            } else if c.is_lowercase() {
                if !prev_cased {
                    return false;
                }
                prev_cased = true;
                cased = true;
            } else {
                prev_cased = false;
            }
        }
        cased
    })
}

fn isidentifier(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    predicate(rt, this, args, "isidentifier", |t| {
        let mut c = t.chars();
        match c.next() {
            Some(f) if f == '_' || f.is_alphabetic() => c.all(|x| x == '_' || x.is_alphanumeric()),
            _ => false,
        }
    })
}

fn isprintable(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    predicate(rt, this, args, "isprintable", |t| {
        t.chars().all(super::super::repr::is_printable)
    })
}

fn isascii(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    predicate(rt, this, args, "isascii", |t| t.is_ascii())
}

fn removeprefix(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let p = super::super::builtins::one_arg(rt, "removeprefix", args)?;
    let p = str_arg(rt, &p, "removeprefix() argument")?;
    let t = this_str(this);
    Ok(s(t.strip_prefix(&*p).unwrap_or(&t)))
}

fn removesuffix(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let p = super::super::builtins::one_arg(rt, "removesuffix", args)?;
    let p = str_arg(rt, &p, "removesuffix() argument")?;
    let t = this_str(this);
    Ok(s(t.strip_suffix(&*p).unwrap_or(&t)))
}
