//! The two string-formatting languages for numbers and str, as CPython
//! implements them:
//!
//! * the format-spec mini-language used by `format(v, spec)`, f-strings
//!   `{v:spec}` and `str.format` (Python/formatter_unicode.c:
//!   `parse_internal_render_format_spec`, `format_long_internal`,
//!   `format_float_internal`, `format_string_internal`,
//!   `calc_number_widths`, `_PyUnicode_InsertThousandsGrouping`), with the
//!   per-version error messages;
//! * printf-style `%` conversions (Objects/unicodeobject.c:
//!   `_PyUnicode_FormatLong`, `formatfloat`, `unicode_format_arg_output`).
//!
//! The `'n'` presentation type is formatted for the C `LC_NUMERIC` locale
//! (no grouping, '.' point), which is what CPython uses unless the program
//! itself calls `locale.setlocale(LC_NUMERIC, ...)`.

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

use super::float::{double_to_string, DtoaFlags};
use super::NumError;

/// Refusal cap on width/precision: larger values give [`NumError::Memory`]
/// instead of building a string of that size.
pub const MAX_FIELD: i64 = 1 << 26;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sep {
    None,
    Comma,
    Under,
    UnderFour,
}

/// `InternalFormatSpec`.
#[derive(Clone, Debug)]
struct Spec {
    fill: char,
    align: char,
    sign: char,
    no_neg_0: bool,
    alternate: bool,
    width: i64,
    sep: Sep,
    precision: i64,
    ty: char,
}

fn value_error(msg: impl Into<String>) -> NumError {
    NumError::Value(msg.into())
}

/// `get_integer`: decimal digits (any Unicode Nd digit, as
/// `Py_UNICODE_TODECIMAL`), overflow past `PY_SSIZE_T_MAX` is an error.
fn get_integer(chars: &[char], pos: &mut usize, minor: u8) -> Result<(usize, i64), NumError> {
    let mut acc: i64 = 0;
    let mut n = 0;
    while *pos < chars.len() {
        let d = match super::int::decimal_value(chars[*pos], minor) {
            Some(d) => d as i64,
            None => break,
        };
        if acc > (i64::MAX - d) / 10 {
            return Err(value_error("Too many decimal digits in format string"));
        }
        acc = acc * 10 + d;
        *pos += 1;
        n += 1;
    }
    Ok((n, acc))
}

/// Render a presentation-type char the way CPython's error messages do:
/// `'%c'` for 33..127, otherwise `'\x%x'`.
fn code_repr(c: char) -> String {
    let v = c as u32;
    if v > 32 && v < 128 {
        c.to_string()
    } else {
        format!("\\x{:x}", v)
    }
}

/// `parse_internal_render_format_spec` for Python 3.`minor`.
fn parse_spec(
    spec: &str,
    type_name: &str,
    default_type: char,
    default_align: char,
    minor: u8,
) -> Result<Spec, NumError> {
    let c: Vec<char> = spec.chars().collect();
    let end = c.len();
    let mut pos = 0;
    let mut f = Spec {
        fill: ' ',
        align: default_align,
        sign: '\0',
        no_neg_0: false,
        alternate: false,
        width: -1,
        sep: Sep::None,
        precision: -1,
        ty: default_type,
    };
    let is_align = |ch: char| matches!(ch, '<' | '>' | '=' | '^');
    let mut align_specified = false;
    let mut fill_specified = false;
    if end - pos >= 2 && is_align(c[pos + 1]) {
        f.align = c[pos + 1];
        f.fill = c[pos];
        fill_specified = true;
        align_specified = true;
        pos += 2;
    } else if end - pos >= 1 && is_align(c[pos]) {
        f.align = c[pos];
        align_specified = true;
        pos += 1;
    }
    if pos < end && matches!(c[pos], ' ' | '+' | '-') {
        f.sign = c[pos];
        pos += 1;
    }
    if minor >= 11 && pos < end && c[pos] == 'z' {
        f.no_neg_0 = true;
        pos += 1;
    }
    if pos < end && c[pos] == '#' {
        f.alternate = true;
        pos += 1;
    }
    if !fill_specified && pos < end && c[pos] == '0' {
        f.fill = '0';
        if !align_specified && (minor <= 9 || default_align == '>') {
            f.align = '=';
        }
        pos += 1;
    }
    let (consumed, w) = get_integer(&c, &mut pos, minor)?;
    if consumed > 0 {
        f.width = w;
    }
    let both = || value_error("Cannot specify both ',' and '_'.");
    if pos < end && c[pos] == ',' {
        f.sep = Sep::Comma;
        pos += 1;
    }
    if pos < end && c[pos] == '_' {
        if f.sep != Sep::None {
            return Err(both());
        }
        f.sep = Sep::Under;
        pos += 1;
    }
    if pos < end && c[pos] == ',' && (minor <= 8 || f.sep == Sep::Under) {
        return Err(both());
    }
    if pos < end && c[pos] == '.' {
        pos += 1;
        let (consumed, p) = get_integer(&c, &mut pos, minor)?;
        if consumed == 0 {
            return Err(value_error("Format specifier missing precision"));
        }
        f.precision = p;
    }
    if end - pos > 1 {
        return Err(if minor <= 10 {
            value_error("Invalid format specifier")
        } else {
            value_error(format!(
                "Invalid format specifier '{}' for object of type '{}'",
                spec, type_name
            ))
        });
    }
    if end - pos == 1 {
        f.ty = c[pos];
    }
    if f.sep != Sep::None {
        match f.ty {
            'd' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F' | '\0' => {}
            'b' | 'o' | 'x' | 'X' if f.sep == Sep::Under => f.sep = Sep::UnderFour,
            t => {
                let sc = if f.sep == Sep::Comma { ',' } else { '_' };
                return Err(value_error(format!(
                    "Cannot specify '{}' with '{}'.",
                    sc,
                    code_repr(t)
                )));
            }
        }
    }
    Ok(f)
}

fn unknown_code(ty: char, type_name: &str) -> NumError {
    value_error(format!(
        "Unknown format code '{}' for object of type '{}'",
        code_repr(ty),
        type_name
    ))
}

/// `_PyUnicode_InsertThousandsGrouping` for a digit string: groups of
/// `group` (0 = no grouping) separated by `sep`, zero-extended on the left
/// (with separators) up to `min_width` chars.
fn group_digits(digits: &[char], min_width: i64, sep: Option<char>, group: i64) -> String {
    let mut pieces: Vec<String> = Vec::new(); // right to left
    let mut remaining = digits.len() as i64;
    let mut min_width = min_width;
    let mut use_sep = false;
    let mut broken = false;
    let take =
        |n_zeros: i64, n_chars: i64, use_sep: bool, remaining: i64, pieces: &mut Vec<String>| {
            let mut s = String::new();
            for _ in 0..n_zeros {
                s.push('0');
            }
            let lo = (remaining - n_chars) as usize;
            s.extend(&digits[lo..remaining as usize]);
            if let (true, Some(ch)) = (use_sep, sep) {
                s.push(ch);
            }
            pieces.push(s);
        };
    if let (Some(_), true) = (sep, group > 0) {
        loop {
            let len = group;
            let l = len.min(remaining.max(min_width).max(1));
            let n_zeros = (l - remaining).max(0);
            let n_chars = remaining.min(l).max(0);
            take(n_zeros, n_chars, use_sep, remaining, &mut pieces);
            use_sep = true;
            remaining -= n_chars;
            min_width -= len;
            if remaining <= 0 && min_width <= 0 {
                broken = true;
                break;
            }
            min_width -= 1;
        }
    }
    if !broken {
        let l = remaining.max(min_width).max(1);
        let n_zeros = (l - remaining).max(0);
        let n_chars = remaining.min(l).max(0);
        take(n_zeros, n_chars, use_sep, remaining, &mut pieces);
    }
    pieces.reverse();
    pieces.concat()
}

/// `calc_number_widths` + `fill_number`.
/// `digits`: integer-part digits (may be empty for 'c', inf, nan);
/// `remainder`: what follows the decimal point (or everything after the
/// digits when there is no point).
#[allow(clippy::too_many_arguments)]
fn layout_number(
    f: &Spec,
    sign_char: Option<char>,
    prefix: &str,
    digits: &str,
    has_decimal: bool,
    remainder: &str,
    sep: Sep,
) -> String {
    let (n_sign, sign) = match f.sign {
        '+' => (1, Some(if sign_char == Some('-') { '-' } else { '+' })),
        ' ' => (1, Some(if sign_char == Some('-') { '-' } else { ' ' })),
        _ => {
            if sign_char == Some('-') {
                (1, Some('-'))
            } else {
                (0, None)
            }
        }
    };
    let n_prefix = prefix.chars().count() as i64;
    let n_decimal = i64::from(has_decimal);
    let n_remainder = remainder.chars().count() as i64;
    let non_digit = n_sign + n_prefix + n_decimal + n_remainder;
    let min_width = if f.fill == '0' && f.align == '=' {
        f.width - non_digit
    } else {
        0
    };
    let dchars: Vec<char> = digits.chars().collect();
    let grouped = if dchars.is_empty() {
        String::new()
    } else {
        let (sc, g) = match sep {
            Sep::None => (None, 0),
            Sep::Comma => (Some(','), 3),
            Sep::Under => (Some('_'), 3),
            Sep::UnderFour => (Some('_'), 4),
        };
        group_digits(&dchars, min_width, sc, g)
    };
    let n_grouped = grouped.chars().count() as i64;
    let n_padding = f.width - (non_digit + n_grouped);
    let (mut lpad, mut spad, mut rpad) = (0, 0, 0);
    if n_padding > 0 {
        match f.align {
            '<' => rpad = n_padding,
            '^' => {
                lpad = n_padding / 2;
                rpad = n_padding - lpad;
            }
            '=' => spad = n_padding,
            _ => lpad = n_padding,
        }
    }
    let mut out = String::new();
    let fill = |out: &mut String, n: i64| {
        for _ in 0..n {
            out.push(f.fill);
        }
    };
    fill(&mut out, lpad);
    if let Some(s) = sign {
        out.push(s);
    }
    out.push_str(prefix);
    fill(&mut out, spad);
    out.push_str(&grouped);
    if has_decimal {
        out.push('.');
    }
    out.push_str(remainder);
    fill(&mut out, rpad);
    out
}

fn check_field(f: &Spec) -> Result<(), NumError> {
    if f.width > MAX_FIELD || f.precision > MAX_FIELD {
        return Err(NumError::Memory);
    }
    Ok(())
}

/// `format_long_internal` for types b c d o x X n.
fn format_long_internal(i: &BigInt, f: &Spec, minor: u8) -> Result<String, NumError> {
    if f.precision != -1 {
        return Err(value_error(
            "Precision not allowed in integer format specifier",
        ));
    }
    if f.no_neg_0 {
        return Err(value_error(
            "Negative zero coercion (z) not allowed in integer format specifier",
        ));
    }
    check_field(f)?;
    if f.ty == 'c' {
        if f.sign != '\0' {
            return Err(value_error(
                "Sign not allowed with integer format specifier 'c'",
            ));
        }
        if f.alternate {
            return Err(value_error(
                "Alternate form (#) not allowed with integer format specifier 'c'",
            ));
        }
        let x = match i.to_i64() {
            Some(x) => x,
            None => {
                return Err(NumError::Overflow(
                    "Python int too large to convert to C long".into(),
                ))
            }
        };
        let ch = if (0..=0x10ffff).contains(&x) {
            char::from_u32(x as u32)
        } else {
            None
        };
        let s = match ch {
            Some(ch) => ch.to_string(),
            None if (0..=0x10ffff).contains(&x) => {
                // Lone surrogate: CPython returns it, a Rust String cannot
                // hold it; refuse (MemoryError is the refusal surrogate).
                return Err(NumError::Memory);
            }
            None => return Err(NumError::Overflow("%c arg not in range(0x110000)".into())),
        };
        return Ok(layout_number(f, None, "", "", false, &s, Sep::None));
    }
    let (base, prefix) = match f.ty {
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => (10, ""),
    };
    let digits = if base == 10 {
        let s = super::int::to_str(i, minor)?;
        s.trim_start_matches('-').to_string()
    } else {
        let s = i.magnitude().to_str_radix(base);
        if f.ty == 'X' {
            s.to_ascii_uppercase()
        } else {
            s
        }
    };
    let prefix = if f.alternate { prefix } else { "" };
    let sign_char = if i.is_negative() { Some('-') } else { None };
    let sep = if f.ty == 'n' { Sep::None } else { f.sep };
    Ok(layout_number(f, sign_char, prefix, &digits, false, "", sep))
}

/// `format_float_internal` for types '' e E f F g G n %.
fn format_float_internal(x: f64, f: &Spec) -> Result<String, NumError> {
    if f.precision > i32::MAX as i64 {
        return Err(value_error("precision too big"));
    }
    check_field(f)?;
    let mut ty = f.ty;
    let mut flags = DtoaFlags {
        alt: f.alternate,
        no_neg_0: f.no_neg_0,
        ..DtoaFlags::default()
    };
    let mut default_precision = 6;
    if ty == '\0' {
        flags.add_dot_0 = true;
        ty = 'r';
        default_precision = 0;
    }
    if ty == 'n' {
        ty = 'g';
    }
    let mut val = x;
    let mut add_pct = false;
    if ty == '%' {
        ty = 'f';
        val *= 100.0;
        add_pct = true;
    }
    let precision = if f.precision < 0 {
        default_precision
    } else {
        if ty == 'r' {
            ty = 'g';
        }
        f.precision
    };
    let mut buf = double_to_string(val, ty, precision, flags);
    if add_pct {
        buf.push('%');
    }
    let (sign_char, body) = match buf.strip_prefix('-') {
        Some(rest) => (Some('-'), rest),
        None => (None, buf.as_str()),
    };
    let int_end = body
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(body.len());
    let digits = &body[..int_end];
    let rest = &body[int_end..];
    let (has_decimal, remainder) = match rest.strip_prefix('.') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let sep = if f.ty == 'n' { Sep::None } else { f.sep };
    Ok(layout_number(
        f,
        sign_char,
        "",
        digits,
        has_decimal,
        remainder,
        sep,
    ))
}

fn format_int_named(
    i: &BigInt,
    spec: &str,
    minor: u8,
    type_name: &str,
) -> Result<String, NumError> {
    if spec.is_empty() {
        return super::int::to_str(i, minor);
    }
    let f = parse_spec(spec, type_name, 'd', '>', minor)?;
    match f.ty {
        'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' => format_long_internal(i, &f, minor),
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {
            let x = super::float::from_bigint(i)?;
            format_float_internal(x, &f)
        }
        t => Err(unknown_code(t, type_name)),
    }
}

/// `format(i, spec)` / `f"{i:spec}"` / `"{:spec}".format(i)` for an int
/// (`long__format__`). Empty spec is `str(i)`. Types b c d o x X n, and
/// e E f F g G % (through `float(i)`, which may raise OverflowError).
pub fn format_int(i: &BigInt, spec: &str, minor: u8) -> Result<String, NumError> {
    format_int_named(i, spec, minor, "int")
}

/// `format(b, spec)` for a bool: empty spec gives `str(b)` ("True"/"False"),
/// anything else formats the int 1/0 (error messages name type 'bool').
pub fn format_bool(b: bool, spec: &str, minor: u8) -> Result<String, NumError> {
    if spec.is_empty() {
        return Ok(if b { "True" } else { "False" }.to_string());
    }
    format_int_named(&BigInt::from(u8::from(b)), spec, minor, "bool")
}

/// `format(x, spec)` for a float (`float___format__`). Empty spec is
/// `str(x)`; no type is like 'g' but keeps a ".0" and uses repr digits when
/// no precision is given.
pub fn format_float(x: f64, spec: &str, minor: u8) -> Result<String, NumError> {
    if spec.is_empty() {
        return Ok(super::float::repr(x));
    }
    let f = parse_spec(spec, "float", '\0', '>', minor)?;
    match f.ty {
        '\0' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%' => format_float_internal(x, &f),
        t => Err(unknown_code(t, "float")),
    }
}

/// `format(s, spec)` for a str (`format_string_internal`): only type 's';
/// sign, 'z', '#', '=' are errors; precision truncates (in code points).
pub fn format_str(s: &str, spec: &str, minor: u8) -> Result<String, NumError> {
    if spec.is_empty() {
        return Ok(s.to_string());
    }
    let f = parse_spec(spec, "str", 's', '<', minor)?;
    if f.ty != 's' {
        return Err(unknown_code(f.ty, "str"));
    }
    if f.sign != '\0' {
        return Err(value_error(if f.sign == ' ' && minor >= 9 {
            "Space not allowed in string format specifier"
        } else {
            "Sign not allowed in string format specifier"
        }));
    }
    if f.no_neg_0 {
        return Err(value_error(
            "Negative zero coercion (z) not allowed in string format specifier",
        ));
    }
    if f.alternate {
        return Err(value_error(
            "Alternate form (#) not allowed in string format specifier",
        ));
    }
    if f.align == '=' {
        return Err(value_error(
            "'=' alignment not allowed in string format specifier",
        ));
    }
    check_field(&f)?;
    let mut len = s.chars().count() as i64;
    if f.precision >= 0 && len > f.precision {
        len = f.precision;
    }
    let total = if f.width >= 0 { f.width.max(len) } else { len };
    let lpad = match f.align {
        '>' => total - len,
        '^' => (total - len) / 2,
        _ => 0,
    };
    let rpad = total - len - lpad;
    let mut out = String::new();
    for _ in 0..lpad {
        out.push(f.fill);
    }
    out.extend(s.chars().take(len as usize));
    for _ in 0..rpad {
        out.push(f.fill);
    }
    Ok(out)
}

// ---------------------------------------------------------------------------
// printf-style formatting
// ---------------------------------------------------------------------------

/// Flags of a `%` conversion: `-`, `+`, space, `#`, `0`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PercentFlags {
    pub minus: bool,
    pub plus: bool,
    pub space: bool,
    pub hash: bool,
    pub zero: bool,
}

fn too_big(n: Option<usize>) -> bool {
    n.is_some_and(|n| n as u64 > MAX_FIELD as u64)
}

/// `unicode_format_arg_output`: sign, '0x' prefix, padding.
fn percent_output(
    buf: &str,
    is_number: bool,
    flags: &PercentFlags,
    width: Option<usize>,
    prec: Option<usize>,
    conv: char,
) -> String {
    let chars: Vec<char> = buf.chars().collect();
    let fill = if is_number && flags.zero { '0' } else { ' ' };
    let mut len = chars.len() as i64;
    let mut width = width.map(|w| w as i64).unwrap_or(-1);
    if let (true, Some(p)) = (matches!(conv, 's' | 'r' | 'a'), prec) {
        len = len.min(p as i64);
    }
    let mut pindex = 0usize;
    let mut sign = is_number;
    let mut signchar = '\0';
    if sign {
        let ch = chars.first().copied().unwrap_or('\0');
        if ch == '-' || ch == '+' {
            signchar = ch;
            len -= 1;
            pindex += 1;
        } else if flags.plus {
            signchar = '+';
        } else if flags.space {
            signchar = ' ';
        } else {
            sign = false;
        }
    }
    if width < len {
        width = len;
    }
    let mut out = String::new();
    if sign {
        if fill != ' ' {
            out.push(signchar);
        }
        if width > len {
            width -= 1;
        }
    }
    let alt_prefix = flags.hash && matches!(conv, 'x' | 'X' | 'o');
    if alt_prefix {
        if fill != ' ' {
            out.push(chars[pindex]);
            out.push(chars[pindex + 1]);
            pindex += 2;
        }
        width -= 2;
        if width < 0 {
            width = 0;
        }
        len -= 2;
    }
    if width > len && !flags.minus {
        for _ in 0..(width - len) {
            out.push(fill);
        }
        width = len;
    }
    if fill == ' ' {
        if sign {
            out.push(signchar);
        }
        if alt_prefix {
            out.push(chars[pindex]);
            out.push(chars[pindex + 1]);
            pindex += 2;
        }
    }
    out.extend(&chars[pindex..pindex + len.max(0) as usize]);
    if width > len {
        for _ in 0..(width - len) {
            out.push(' ');
        }
    }
    out
}

/// `'%<flags><width>.<prec><conv>' % i` for an int, conv in d i u o x X
/// (`_PyUnicode_FormatLong` + `unicode_format_arg_output`). Precision pads
/// the digits with zeros; `#` adds `0o`/`0x`/`0X`. Decimal conversions
/// refuse more than 4300 digits like `str(i)` (hence the `Result` and
/// `minor`).
pub fn percent_int(
    i: &BigInt,
    flags: &PercentFlags,
    width: Option<usize>,
    prec: Option<usize>,
    conv: char,
    minor: u8,
) -> Result<String, NumError> {
    let (body, prefix) = match conv {
        'd' | 'i' | 'u' => (super::int::to_str(&i.abs(), minor)?, ""),
        'o' => (i.magnitude().to_str_radix(8), "0o"),
        'x' => (i.magnitude().to_str_radix(16), "0x"),
        'X' => (i.magnitude().to_str_radix(16).to_ascii_uppercase(), "0X"),
        _ => panic!("percent_int: bad conversion {conv:?}"),
    };
    if too_big(width) || too_big(prec) {
        return Err(NumError::Memory);
    }
    let mut buf = String::new();
    if i.is_negative() && !i.is_zero() {
        buf.push('-');
    }
    if flags.hash {
        buf.push_str(prefix);
    }
    if let Some(p) = prec {
        for _ in body.len()..p {
            buf.push('0');
        }
    }
    buf.push_str(&body);
    Ok(percent_output(&buf, true, flags, width, prec, conv))
}

/// `'%<flags><width>.<prec><conv>' % x` for a float, conv in e E f F g G
/// (`formatfloat`: precision defaults to 6, `#` keeps the point/zeros).
/// Width/precision are not capped here: callers should refuse absurd sizes
/// (see [`MAX_FIELD`]) before calling.
pub fn percent_float(
    x: f64,
    flags: &PercentFlags,
    width: Option<usize>,
    prec: Option<usize>,
    conv: char,
) -> String {
    let p = prec.map(|p| p as i64).unwrap_or(6);
    let buf = double_to_string(
        x,
        conv,
        p,
        DtoaFlags {
            alt: flags.hash,
            ..DtoaFlags::default()
        },
    );
    percent_output(&buf, true, flags, width, prec, conv)
}

/// `%s` / `%r` / `%a` after the caller computed `str()`/`repr()`/`ascii()`:
/// precision truncates, width pads with spaces (left-justified with `-`).
pub fn pad_str(s: &str, flags: &PercentFlags, width: Option<usize>, prec: Option<usize>) -> String {
    percent_output(s, false, flags, width, prec, 's')
}
