//! String formatting: `format(v, spec)` / f-string fields, printf-style `%`, and
//! `str.format`. The numeric mini-language itself is `num/format.rs`.

use std::rc::Rc;

use super::exceptions::E;
use super::num;
use super::num::format::PercentFlags;
use super::object::Args;
use super::value::{PyResult, Value};
use crate::runtime::Runtime;

impl Runtime<'_> {
    /// `format(v, spec)`.
    pub fn format_value(&mut self, v: &Value, spec: &str) -> PyResult<String> {
        let minor = self.v.minor();
        let r = match v {
            Value::Str(s) => num::format::format_str(s, spec, minor),
            Value::Bool(b) => num::format::format_bool(*b, spec, minor),
            Value::Int(_) | Value::Long(_) => {
                num::format::format_int(&v.as_bigint().expect("an int"), spec, minor)
            }
            Value::Float(f) => num::format::format_float(*f, spec, minor),
            Value::Instance(i)
                if i.class.tag.is_none() && i.class.lookup("__format__").is_some() =>
            {
                let m = self.lookup_special(v, "__format__").expect("found above");
                let r = self.call_value(&m, vec![Value::str(spec)])?;
                return match r {
                    Value::Str(ref s) => Ok(s.to_string()),
                    other => {
                        let tn = self.type_name(&other);
                        Err(self.err(
                            E::TypeError,
                            &format!("__format__ must return a str, not {tn}"),
                        ))
                    }
                };
            }
            _ => {
                if spec.is_empty() {
                    return self.str_of(v);
                }
                let tn = self.type_name(v);
                return Err(self.err(
                    E::TypeError,
                    &format!("unsupported format string passed to {tn}.__format__"),
                ));
            }
        };
        r.map_err(|e| self.num_error(e))
    }

    /// `fmt % args` (printf-style).
    pub fn percent_format(&mut self, fmt: &str, args: &Value) -> PyResult<String> {
        let (items, mapping): (Vec<Value>, Option<Value>) = match args {
            Value::Tuple(t) => ((**t).clone(), None),
            Value::Dict(_) => (vec![args.clone()], Some(args.clone())),
            other => (vec![other.clone()], None),
        };
        let is_tuple = matches!(args, Value::Tuple(_));
        let chars: Vec<char> = fmt.chars().collect();
        let mut out = String::new();
        let mut i = 0;
        let mut argi = 0;
        let mut used_mapping = false;
        let next_arg = |rt: &mut Runtime, argi: &mut usize| -> PyResult<Value> {
            if *argi < items.len() {
                *argi += 1;
                Ok(items[*argi - 1].clone())
            } else {
                Err(rt.err(E::TypeError, "not enough arguments for format string"))
            }
        };
        while i < chars.len() {
            let c = chars[i];
            if c != '%' {
                out.push(c);
                i += 1;
                continue;
            }
            i += 1;
            if i >= chars.len() {
                return Err(self.err(E::ValueError, "incomplete format"));
            }
            // %(key)
            let mut keyed: Option<Value> = None;
            if chars[i] == '(' {
                let Some(m) = &mapping else {
                    return Err(self.err(E::TypeError, "format requires a mapping"));
                };
                let mut depth = 1;
                let start = i + 1;
                i += 1;
                while i < chars.len() && depth > 0 {
                    if chars[i] == '(' {
                        depth += 1;
                    } else if chars[i] == ')' {
                        depth -= 1;
                    }
                    i += 1;
                }
                if depth > 0 {
                    return Err(self.err(E::ValueError, "incomplete format key"));
                }
                let key: String = chars[start..i - 1].iter().collect();
                let m = m.clone();
                keyed = Some(self.getitem(&m, &Value::str(&key))?);
                used_mapping = true;
            }
            let mut flags = PercentFlags::default();
            while i < chars.len() {
                match chars[i] {
                    '-' => flags.minus = true,
                    '+' => flags.plus = true,
                    ' ' => flags.space = true,
                    '#' => flags.hash = true,
                    '0' => flags.zero = true,
                    _ => break,
                }
                i += 1;
            }
            let mut width: Option<usize> = None;
            if i < chars.len() && chars[i] == '*' {
                let w = next_arg(self, &mut argi)?;
                match w {
                    Value::Int(n) => {
                        if n < 0 {
                            flags.minus = true;
                        }
                        width = Some(n.unsigned_abs() as usize);
                    }
                    _ => return Err(self.err(E::TypeError, "* wants int")),
                }
                i += 1;
            } else {
                let mut w = String::new();
                while i < chars.len() && chars[i].is_ascii_digit() {
                    w.push(chars[i]);
                    i += 1;
                }
                if !w.is_empty() {
                    width = Some(
                        w.parse()
                            .map_err(|_| self.err(E::ValueError, "width too big"))?,
                    );
                }
            }
            let mut prec: Option<usize> = None;
            if i < chars.len() && chars[i] == '.' {
                i += 1;
                if i < chars.len() && chars[i] == '*' {
                    let p = next_arg(self, &mut argi)?;
                    match p {
                        Value::Int(n) => prec = Some(n.max(0) as usize),
                        _ => return Err(self.err(E::TypeError, "* wants int")),
                    }
                    i += 1;
                } else {
                    let mut p = String::new();
                    while i < chars.len() && chars[i].is_ascii_digit() {
                        p.push(chars[i]);
                        i += 1;
                    }
                    prec = Some(p.parse().unwrap_or(0));
                }
            }
            if width.unwrap_or(0) > self.config.max_size || prec.unwrap_or(0) > self.config.max_size
            {
                return Err(
                    self.refuse("a format width or precision beyond the model's size limit")
                );
            }
            // Length modifiers are accepted and ignored.
            while i < chars.len() && matches!(chars[i], 'h' | 'l' | 'L') {
                i += 1;
            }
            if i >= chars.len() {
                return Err(self.err(E::ValueError, "incomplete format"));
            }
            let conv = chars[i];
            i += 1;
            if conv == '%' {
                out.push('%');
                continue;
            }
            let arg = match keyed {
                Some(v) => v,
                None => next_arg(self, &mut argi)?,
            };
            let minor = self.v.minor();
            let piece = match conv {
                's' | 'r' | 'a' => {
                    let s = match conv {
                        's' => self.str_of(&arg)?,
                        'r' => self.repr(&arg)?,
                        _ => self.ascii(&arg)?,
                    };
                    num::format::pad_str(&s, &flags, width, prec)
                }
                'd' | 'i' | 'u' | 'o' | 'x' | 'X' => {
                    let n = match &arg {
                        Value::Bool(_) | Value::Int(_) | Value::Long(_) => {
                            arg.as_bigint().expect("an int")
                        }
                        Value::Float(f) if matches!(conv, 'd' | 'i' | 'u') => {
                            num::float::to_bigint(*f).map_err(|e| self.num_error(e))?
                        }
                        other => {
                            let tn = self.type_name(other);
                            let msg = if matches!(conv, 'd' | 'i' | 'u') {
                                if minor >= 11 {
                                    format!("%{conv} format: a real number is required, not {tn}")
                                } else {
                                    format!("%{conv} format: a number is required, not {tn}")
                                }
                            } else {
                                format!("%{conv} format: an integer is required, not {tn}")
                            };
                            return Err(self.err(E::TypeError, &msg));
                        }
                    };
                    num::format::percent_int(&n, &flags, width, prec, conv, minor)
                        .map_err(|e| self.num_error(e))?
                }
                'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                    let x = match self.to_f64(&arg)? {
                        Some(x) => x,
                        None => {
                            let tn = self.type_name(&arg);
                            let msg = if minor >= 11 {
                                format!("must be real number, not {tn}")
                            } else {
                                "a float is required".to_string()
                            };
                            return Err(self.err(E::TypeError, &msg));
                        }
                    };
                    num::format::percent_float(x, &flags, width, prec, conv)
                }
                'c' => {
                    let s = match &arg {
                        Value::Str(s) if s.chars().count() == 1 => s.to_string(),
                        Value::Int(n) if (0..0x110000).contains(n) => char::from_u32(*n as u32)
                            .map(|c| c.to_string())
                            .unwrap_or_default(),
                        _ => return Err(self.err(E::TypeError, "%c requires int or char")),
                    };
                    num::format::pad_str(&s, &flags, width, None)
                }
                other => {
                    let msg = format!(
                        "unsupported format character '{other}' (0x{:x}) at index {}",
                        other as u32,
                        i - 1
                    );
                    return Err(self.err(E::ValueError, &msg));
                }
            };
            out.push_str(&piece);
            self.check_built(out.len())?;
        }
        if argi < items.len() && !used_mapping && (is_tuple || mapping.is_none()) {
            return Err(self.err(
                E::TypeError,
                "not all arguments converted during string formatting",
            ));
        }
        Ok(out)
    }

    /// `fmt.format(*args, **kwargs)`.
    pub fn str_format(&mut self, fmt: &str, args: &Args) -> PyResult<String> {
        let mut out = String::new();
        let mut auto: Option<usize> = None;
        let mut manual = false;
        self.format_into(fmt, args, &mut out, &mut auto, &mut manual, 2)?;
        Ok(out)
    }

    fn format_into(
        &mut self,
        fmt: &str,
        args: &Args,
        out: &mut String,
        auto: &mut Option<usize>,
        manual: &mut bool,
        depth: u32,
    ) -> PyResult<()> {
        let chars: Vec<char> = fmt.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c == '}' {
                if chars.get(i + 1) == Some(&'}') {
                    out.push('}');
                    i += 2;
                    continue;
                }
                return Err(self.err(E::ValueError, "Single '}' encountered in format string"));
            }
            if c != '{' {
                out.push(c);
                i += 1;
                continue;
            }
            if chars.get(i + 1) == Some(&'{') {
                out.push('{');
                i += 2;
                continue;
            }
            // A replacement field: find its end, counting nested braces.
            let start = i + 1;
            let mut d = 1;
            i += 1;
            while i < chars.len() && d > 0 {
                match chars[i] {
                    '{' => d += 1,
                    '}' => d -= 1,
                    _ => {}
                }
                i += 1;
            }
            if d > 0 {
                return Err(self.err(E::ValueError, "expected '}' before end of string"));
            }
            let field: String = chars[start..i - 1].iter().collect();
            // field_name[!conversion][:spec]
            let (name_conv, spec) = match split_top(&field, ':') {
                Some((a, b)) => (a, Some(b)),
                None => (field.clone(), None),
            };
            let (name, conv) = match name_conv.find('!') {
                Some(p) => (
                    name_conv[..p].to_string(),
                    Some(name_conv[p + 1..].to_string()),
                ),
                None => (name_conv.clone(), None),
            };
            let value = self.format_field(&name, args, auto, manual)?;
            let value = match conv.as_deref() {
                None => value,
                Some("r") => Value::str(&self.repr(&value)?),
                Some("s") => Value::str(&self.str_of(&value)?),
                Some("a") => Value::str(&self.ascii(&value)?),
                Some(other) => {
                    let msg = if other.is_empty() {
                        "end of string while looking for conversion specifier".to_string()
                    } else if other.chars().count() > 1 {
                        "expected ':' after conversion specifier".to_string()
                    } else {
                        format!("Unknown conversion specifier {other}")
                    };
                    return Err(self.err(E::ValueError, &msg));
                }
            };
            let spec = match spec {
                Some(s) if s.contains('{') => {
                    if depth == 0 {
                        return Err(self.err(E::ValueError, "Max string recursion exceeded"));
                    }
                    let mut inner = String::new();
                    self.format_into(&s, args, &mut inner, auto, manual, depth - 1)?;
                    inner
                }
                Some(s) => s,
                None => String::new(),
            };
            let s = self.format_value(&value, &spec)?;
            out.push_str(&s);
            self.check_built(out.len())?;
        }
        Ok(())
    }

    fn format_field(
        &mut self,
        name: &str,
        args: &Args,
        auto: &mut Option<usize>,
        manual: &mut bool,
    ) -> PyResult {
        // The first part: an index, a keyword, or empty (automatic numbering).
        let first_end = name.find(['.', '[']).unwrap_or(name.len());
        let first = &name[..first_end];
        let mut value = if first.is_empty() {
            if *manual {
                return Err(self.err(
                    E::ValueError,
                    "cannot switch from manual field specification to automatic field numbering",
                ));
            }
            let n = auto.map_or(0, |n| n + 1);
            *auto = Some(n);
            self.format_positional(args, n)?
        } else if let Ok(n) = first.parse::<usize>() {
            if auto.is_some() {
                return Err(self.err(
                    E::ValueError,
                    "cannot switch from automatic field numbering to manual field specification",
                ));
            }
            *manual = true;
            self.format_positional(args, n)?
        } else {
            match args.kw.iter().find(|(k, _)| &**k == first) {
                Some((_, v)) => v.clone(),
                None => {
                    let e = self.new_exc(E::KeyError, vec![Value::str(first)]);
                    self.set_context(&e);
                    return Err(e);
                }
            }
        };
        // Then .attr and [key] parts.
        let rest: Vec<char> = name[first_end..].chars().collect();
        let mut i = 0;
        while i < rest.len() {
            if rest[i] == '.' {
                let s = i + 1;
                i += 1;
                while i < rest.len() && rest[i] != '.' && rest[i] != '[' {
                    i += 1;
                }
                let attr: String = rest[s..i].iter().collect();
                if attr.is_empty() {
                    return Err(self.err(E::ValueError, "Empty attribute in format string"));
                }
                value = self.getattr(&value, &attr)?;
            } else if rest[i] == '[' {
                let s = i + 1;
                while i < rest.len() && rest[i] != ']' {
                    i += 1;
                }
                if i >= rest.len() {
                    return Err(self.err(E::ValueError, "Missing ']' in format string"));
                }
                let key: String = rest[s..i].iter().collect();
                i += 1;
                let k = match key.parse::<i64>() {
                    Ok(n) => Value::Int(n),
                    Err(_) => Value::Str(Rc::from(key.as_str())),
                };
                value = self.getitem(&value, &k)?;
            } else {
                return Err(self.err(
                    E::ValueError,
                    "Only '.' or '[' may follow ']' in format field specifier",
                ));
            }
        }
        Ok(value)
    }

    fn format_positional(&mut self, args: &Args, n: usize) -> PyResult {
        match args.pos.get(n) {
            Some(v) => Ok(v.clone()),
            None => {
                if self.v.minor() >= 8 {
                    let msg =
                        format!("Replacement index {n} out of range for positional args tuple");
                    Err(self.err(E::IndexError, &msg))
                } else {
                    Err(self.err(E::IndexError, "tuple index out of range"))
                }
            }
        }
    }
}

/// Split at the first `sep` not inside brackets.
fn split_top(s: &str, sep: char) -> Option<(String, String)> {
    let mut depth = 0;
    for (i, c) in s.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            c if c == sep && depth == 0 => {
                return Some((s[..i].to_string(), s[i + 1..].to_string()));
            }
            _ => {}
        }
    }
    None
}
