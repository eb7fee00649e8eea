//! Structure-aware mutations of Python programs: lines (duplicate, delete, swap, move, splice,
//! re-indent, repeat), tokens (numbers to extremes, names to keywords, builtins and unicode,
//! strings to long or odd literals, operators), nesting (brackets, unary chains, calls,
//! awaits, lambdas, blocks) and adversarial statements (`stress::statement`).

use crate::corpus::Corpus;
use crate::rng::Rng;
use crate::stress;
use crate::tokens::{join, tokenize, Kind};

/// Numbers at the edges of what ints, floats, timeouts and sizes can hold.
pub const NUMBERS: &[&str] = &[
    "0",
    "-1",
    "1",
    "-0.0",
    "0.0",
    "0.5",
    "1e308",
    "-1e308",
    "1e400",
    "-1e400",
    "1e-320",
    "5e-324",
    "1.7976931348623157e308",
    "2**10000",
    "-2**10000",
    "10**100",
    "10**4300",
    "10**4301",
    "2**63",
    "2**64",
    "-2**63",
    "9223372036854775807",
    "-9223372036854775808",
    "18446744073709551616",
    "9007199254740993",
    "float('nan')",
    "float('inf')",
    "-float('inf')",
    "float('-nan')",
    "1e7",
    "1.7e7",
    "2e7",
    "1e15",
    "1e16",
    "1e20",
    "1e300",
    "0.1",
    "1/3",
    "10**18",
    "(1 << 62)",
    "(1 << 100)",
    "1_000_000",
    "0x7fffffffffffffff",
    "0b1",
    "0o777",
    "1j",
    "True",
    "False",
    "None",
    "-True",
    "~0",
    "3.0",
    "1e-9",
    "-1e-9",
    "2**1023 * 2",
    "10**10**2",
    "0.1 + 0.2",
    "86400",
    "86400.0000001",
    "4.5e15",
    "1e9",
    "100000000",
    "2**31 - 1",
    "2**26",
    "2**27",
    "-(2**63) // -1",
    "(-2**63) % -1",
];

/// Names a program may not or should not use as identifiers, builtins, and unicode names.
pub const NAMES: &[&str] = &[
    "class",
    "await",
    "async",
    "match",
    "case",
    "type",
    "_",
    "None",
    "True",
    "False",
    "print",
    "__debug__",
    "def",
    "lambda",
    "yield",
    "nonlocal",
    "global",
    "del",
    "pass",
    "return",
    "if",
    "else",
    "import",
    "from",
    "as",
    "with",
    "try",
    "except",
    "finally",
    "raise",
    "while",
    "for",
    "in",
    "is",
    "not",
    "and",
    "or",
    "break",
    "continue",
    "assert",
    "elif",
    "__name__",
    "__builtins__",
    "__class__",
    "__dict__",
    "__init__",
    "__repr__",
    "__eq__",
    "__hash__",
    "__await__",
    "__aiter__",
    "__anext__",
    "__aenter__",
    "__aexit__",
    "__del__",
    "self",
    "cls",
    "super",
    "object",
    "int",
    "str",
    "list",
    "dict",
    "set",
    "tuple",
    "len",
    "range",
    "repr",
    "id",
    "hash",
    "sys",
    "asyncio",
    "time",
    "random",
    "math",
    "itertools",
    "functools",
    "exec",
    "eval",
    "open",
    "input",
    "globals",
    "locals",
    "vars",
    "dir",
    "getattr",
    "setattr",
    "hasattr",
    "iter",
    "next",
    "sorted",
    "reversed",
    "map",
    "filter",
    "zip",
    "sum",
    "min",
    "max",
    "abs",
    "round",
    "divmod",
    "pow",
    "chr",
    "ord",
    "bytes",
    "bytearray",
    "frozenset",
    "complex",
    "float",
    "bool",
    "isinstance",
    "issubclass",
    "callable",
    "format",
    "ascii",
    "bin",
    "hex",
    "oct",
    "any",
    "all",
    "enumerate",
    "slice",
    "property",
    "staticmethod",
    "classmethod",
    "NotImplemented",
    "Ellipsis",
    "BaseException",
    "Exception",
    "ExceptionGroup",
    "BaseExceptionGroup",
    "RecursionError",
    "MemoryError",
    "OverflowError",
    "SystemExit",
    "KeyboardInterrupt",
    "GeneratorExit",
    "StopIteration",
    "StopAsyncIteration",
    "CancelledError",
    "TimeoutError",
    "InvalidStateError",
    "gather",
    "wait",
    "wait_for",
    "sleep",
    "create_task",
    "ensure_future",
    "current_task",
    "all_tasks",
    "run",
    "shield",
    "timeout",
    "TaskGroup",
    "Queue",
    "Event",
    "Lock",
    "get_event_loop",
    "new_event_loop",
    "get_running_loop",
    "run_until_complete",
    "run_forever",
    "call_soon",
    "call_later",
    "call_at",
    "cancel",
    "cancelled",
    "done",
    "result",
    "exception",
    "uncancel",
    "cancelling",
    "add_done_callback",
    "remove_done_callback",
    "get_name",
    "set_name",
    "get_coro",
    "ＰＲＩＮＴ",
    "ｐｒｉｎｔ",
    "µ",
    "ℌ",
    "ǅ",
    "ﬁ",
    "π",
    "Ω",
    "ª",
    "ℕ",
    "𝔸",
    "변수",
    "名前",
    "ﾊﾟ",
    "x\u{0301}",
    "e\u{0301}",
    "_\u{0663}",
    "A\u{200d}",
    "ᵢ",
];

/// Odd string literals: control characters, escapes CPython rejects, surrogates, huge
/// format specs, unterminated and nested quotes.
pub const STRINGS: &[&str] = &[
    "''",
    "'\\x00'",
    "'\\r'",
    "'\\r\\n'",
    "'\\u2028'",
    "'\\ud800'",
    "'\\udfff'",
    "'\\N{BULLET}'",
    "'\\N{NO SUCH NAME}'",
    "b'\\xff'",
    "b'\\u1234'",
    "f'{1}'",
    "f'{1:>{10**9}}'",
    "f'{x!r:^30}'",
    "f'{'",
    "f'{{}}'",
    "f'{f\"{1}\"}'",
    "'%s %d' % (1, 2)",
    "'%*d' % (10**9, 1)",
    "'{:,}'.format(10**5000)",
    "'{0}{1}'.format",
    "'''a\nb'''",
    "'\\\\'",
    "'é'",
    "'😀'",
    "'\\U0010ffff'",
    "'\\U00110000'",
    "'\\777'",
    "'\\8'",
    "rb'x'",
    "u'x'",
    "'\u{7f}\u{80}\u{9f}'",
    "'\u{1}\u{1b}[31m'",
    "'\u{feff}'",
    "'\u{200e}\u{202e}'",
    "'x' * 10**9",
    "'x' * (2**62)",
    "'x' * -1",
    "'%.1000000f' % 1.0",
    "format(1e308, '.1000f')",
    "'{:e}'.format(10**1000)",
    "str(10**5000)",
    "repr(2**100000)",
];

/// Replacement operators.
const OPS: &[&str] = &[
    "+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^", "~", "@", "<", ">", "<=", ">=",
    "==", "!=", "=", ":=", ".", ",", ":", ";", "(", ")", "[", "]", "{", "}", "->", "*", "**",
    "...", " is not ", " not in ", " in ", " and ", " or ", " not ", " if ", " else ", " lambda ",
    " await ", " async ", " yield ", " from ",
];

/// What one level of nesting around an expression looks like: (before, after).
const WRAPS: &[(&str, &str)] = &[
    ("(", ")"),
    ("[", "]"),
    ("{", "}"),
    ("-", ""),
    ("+", ""),
    ("~", ""),
    ("not ", ""),
    ("await ", ""),
    ("lambda: ", ""),
    ("(lambda: ", ")()"),
    ("f(", ")"),
    ("print(", ")"),
    ("str(", ")"),
    ("repr(", ")"),
    ("asyncio.sleep(", ")"),
    ("await asyncio.gather(", ")"),
    ("asyncio.create_task(", ")"),
    ("", ".x"),
    ("", "()"),
    ("", "[0]"),
    ("1 if ", " else 0"),
    ("x if 1 else ", ""),
    ("2 ** ", ""),
    ("1 + ", ""),
    ("", " + 1"),
    ("", " * 2"),
    ("[", " for _ in ()]"),
    ("(yield ", ")"),
    ("{1: ", "}"),
    ("f'{", "}'"),
    ("x[", "]"),
    ("", " and 1"),
    ("", " < 1"),
    ("(", ",)"),
    ("*", ""),
];

/// Block headers that nest a body, with the line (if any) that must follow the body.
const BLOCKS: &[(&str, Option<&str>)] = &[
    ("if True:", None),
    ("if x:", Some("else:\n    pass")),
    ("for _ in range(2):", None),
    ("while True:", None),
    ("while x:", Some("else:\n    pass")),
    ("try:", Some("except BaseException:\n    pass")),
    ("try:", Some("finally:\n    pass")),
    ("try:", Some("except* ValueError:\n    pass")),
    ("with x:", None),
    ("async with x:", None),
    ("async for x in y:", None),
    ("def f():", None),
    ("async def f():", None),
    ("class C:", None),
    ("match x:\n    case 1:", None),
];

/// Depths for nesting: within the model's limits, at them, and far past them.
const DEPTHS: &[usize] = &[
    2, 3, 10, 20, 21, 50, 79, 80, 81, 89, 90, 99, 100, 101, 200, 499, 500, 501, 1000, 3000, 5000,
    30_000, 100_000, 300_000,
];

/// Apply `n` random mutations to `text`.
pub fn mutate(text: &str, n: usize, rng: &mut Rng, corpus: &Corpus) -> String {
    let mut s = text.to_string();
    for _ in 0..n {
        s = mutate_once(&s, rng, corpus);
        if s.len() > 2 << 20 {
            // Past the model's input limit every further mutation is wasted.
            break;
        }
    }
    s
}

fn lines_of(s: &str) -> Vec<String> {
    s.split('\n').map(str::to_string).collect()
}

fn indent_of(line: &str) -> String {
    line.chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect()
}

/// One mutation.
pub fn mutate_once(s: &str, rng: &mut Rng, corpus: &Corpus) -> String {
    let which = rng.weighted(&[
        6, // line ops
        8, // token ops
        3, // nesting of an expression
        2, // nesting of blocks
        4, // adversarial statement
        1, // byte damage
        1, // splice of another program
    ]);
    match which {
        0 => line_op(s, rng, corpus),
        1 => token_op(s, rng, corpus),
        2 => nest_expr(s, rng),
        3 => nest_block(s, rng),
        4 => insert_statement(s, rng, corpus),
        5 => bytes_damage(s, rng),
        _ => splice(s, rng, corpus),
    }
}

fn line_op(s: &str, rng: &mut Rng, corpus: &Corpus) -> String {
    let mut lines = lines_of(s);
    let n = lines.len();
    let i = rng.below(n);
    let j = rng.below(n);
    match rng.below(10) {
        0 => {
            let l = lines[i].clone();
            lines.insert(j, l);
        }
        1 => {
            lines.remove(i);
        }
        2 => lines.swap(i, j),
        3 => {
            let l = lines.remove(i);
            lines.insert(j.min(lines.len()), l);
        }
        4 => {
            let l = rng.pick(&corpus.lines).clone();
            let ind = indent_of(&lines[i]);
            lines.insert(i, format!("{ind}{}", l.trim_start()));
        }
        5 => {
            // Re-indent a line.
            let l = lines[i].clone();
            lines[i] = match rng.below(3) {
                0 => format!("    {l}"),
                1 => l.trim_start().to_string(),
                _ => format!("\t{}", l.trim_start()),
            };
        }
        6 => {
            // Repeat a line many times.
            let times = *rng.pick(&[2usize, 10, 100, 1000, 10_000, 100_000]);
            let l = lines[i].clone();
            if l.len() * times < 4 << 20 {
                lines.splice(i..i, std::iter::repeat_n(l, times));
            }
        }
        7 => {
            let (a, b) = (i.min(j), i.max(j));
            lines[a..=b].reverse();
        }
        8 => lines.truncate(i.max(1)),
        _ => {
            // A line ending early or joined with the next.
            let l = lines[i].clone();
            let cut = rng.below(l.len() + 1);
            let cut = (0..=cut)
                .rev()
                .find(|&c| l.is_char_boundary(c))
                .unwrap_or(0);
            lines[i] = l[..cut].to_string();
        }
    }
    lines.join("\n")
}

fn token_op(s: &str, rng: &mut Rng, corpus: &Corpus) -> String {
    let mut toks = tokenize(s);
    if toks.is_empty() {
        return NUMBERS[rng.below(NUMBERS.len())].to_string();
    }
    let want = *rng.pick(&[Kind::Number, Kind::Name, Kind::Str, Kind::Op, Kind::Number]);
    let candidates: Vec<usize> = (0..toks.len()).filter(|&i| toks[i].kind == want).collect();
    let i = if candidates.is_empty() {
        rng.below(toks.len())
    } else {
        *rng.pick(&candidates)
    };
    let kind = toks[i].kind;
    match rng.below(8) {
        0 => {
            toks.remove(i);
        }
        1 => {
            let t = toks[i].clone();
            toks.insert(i, t);
        }
        2 => {
            // Swap with the next token that is not space.
            if let Some(j) = (i + 1..toks.len()).find(|&j| toks[j].kind != Kind::Space) {
                toks.swap(i, j);
            }
        }
        3 => {
            // A walk through the corpus's token successions.
            let len = rng.range(1, 12);
            toks[i].text = walk(rng, corpus, &toks[i].text.clone(), len);
        }
        _ => {
            toks[i].text = match kind {
                Kind::Number => rng.pick(NUMBERS).to_string(),
                Kind::Name => {
                    if rng.chance(1, 3) {
                        rng.pick(&corpus.names).clone()
                    } else {
                        rng.pick(NAMES).to_string()
                    }
                }
                Kind::Str => long_or_odd_string(rng),
                Kind::Op => rng.pick(OPS).to_string(),
                _ => rng.pick(NUMBERS).to_string(),
            }
        }
    }
    join(&toks)
}

/// A long string literal or one of the odd ones.
pub fn long_or_odd_string(rng: &mut Rng) -> String {
    if rng.chance(1, 3) {
        let n = *rng.pick(&[100usize, 4300, 10_000, 100_000, 1 << 20]);
        let c = *rng.pick(&['x', 'é', '😀', '\'', '{', '\\', ' ', '\u{0}']);
        let body: String = std::iter::repeat_n(c, n).collect();
        let body = if c == '\'' || c == '\\' {
            body.replace(c, &format!("\\{c}"))
        } else {
            body
        };
        return if rng.chance(1, 2) {
            format!("'{body}'")
        } else {
            format!("f'{body}'")
        };
    }
    rng.pick(STRINGS).to_string()
}

/// `len` tokens following `start` through the corpus's successions, joined with spaces
/// (newlines kept).
pub fn walk(rng: &mut Rng, corpus: &Corpus, start: &str, len: usize) -> String {
    let mut out = String::new();
    let mut cur = start.to_string();
    for _ in 0..len {
        let Some(nexts) = corpus.next.get(&cur) else {
            break;
        };
        cur = rng.pick(nexts).clone();
        if cur != "\n" && !out.is_empty() && !out.ends_with('\n') {
            out.push(' ');
        }
        out.push_str(&cur);
    }
    if out.is_empty() {
        start.to_string()
    } else {
        out
    }
}

fn nest_expr(s: &str, rng: &mut Rng) -> String {
    let mut toks = tokenize(s);
    let atoms: Vec<usize> = (0..toks.len())
        .filter(|&i| matches!(toks[i].kind, Kind::Name | Kind::Number | Kind::Str))
        .collect();
    if atoms.is_empty() {
        return s.to_string();
    }
    let i = *rng.pick(&atoms);
    let depth = *rng.pick(DEPTHS);
    // One wrap repeated, or a mix.
    let mixed = rng.chance(1, 3);
    let mut before = String::new();
    let mut afters: Vec<&str> = Vec::new();
    let mut w = *rng.pick(WRAPS);
    for _ in 0..depth {
        if mixed {
            w = *rng.pick(WRAPS);
        }
        before.push_str(w.0);
        afters.push(w.1);
        if 2 * before.len() > 3 << 20 {
            break;
        }
    }
    let after: String = afters.iter().rev().copied().collect();
    toks[i].text = format!("{before}{}{after}", toks[i].text);
    join(&toks)
}

fn nest_block(s: &str, rng: &mut Rng) -> String {
    let lines = lines_of(s);
    let n = lines.len();
    let a = rng.below(n);
    let b = (a + rng.below(4)).min(n - 1);
    // Deeper than a few hundred levels only makes the text (quadratic in the depth) larger.
    let depth = *rng.pick(DEPTHS).min(&2_000);
    let ind = indent_of(&lines[a]);
    let mixed = rng.chance(1, 2);
    let mut header = *rng.pick(BLOCKS);
    let mut head = String::new();
    let mut tails: Vec<String> = Vec::new();
    let unit = if rng.chance(1, 8) { "\t" } else { " " };
    for level in 0..depth {
        if mixed {
            header = *rng.pick(BLOCKS);
        }
        let pad = format!("{ind}{}", unit.repeat(level));
        for (k, h) in header.0.split('\n').enumerate() {
            let extra = if k > 0 { "    " } else { "" };
            head.push_str(&format!("{pad}{extra}{h}\n"));
        }
        if let Some(t) = header.1 {
            let t: Vec<String> = t.split('\n').map(|x| format!("{pad}{x}")).collect();
            tails.push(t.join("\n"));
        }
        if head.len() > 3 << 20 {
            break;
        }
    }
    let body_pad = unit.repeat(depth);
    let mut out: Vec<String> = lines[..a].to_vec();
    out.push(head.trim_end_matches('\n').to_string());
    for l in &lines[a..=b] {
        out.push(format!("{body_pad}{l}"));
    }
    while let Some(t) = tails.pop() {
        out.push(t);
    }
    out.extend_from_slice(&lines[b + 1..]);
    out.join("\n")
}

fn insert_statement(s: &str, rng: &mut Rng, corpus: &Corpus) -> String {
    let mut lines = lines_of(s);
    let i = rng.below(lines.len());
    let ind = indent_of(&lines[i]);
    let stmt = stress::statement(rng, corpus);
    let stmt: Vec<String> = stmt.split('\n').map(|l| format!("{ind}{l}")).collect();
    lines.insert(i, stmt.join("\n"));
    lines.join("\n")
}

/// Byte-level damage, kept valid UTF-8 only sometimes (the loader must report the place).
pub fn bytes_damage(s: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    for _ in 0..rng.range(1, 8) {
        if chars.is_empty() {
            chars.push('x');
        }
        let i = rng.below(chars.len());
        match rng.below(4) {
            0 => {
                chars.remove(i);
            }
            1 => chars.insert(
                i,
                *rng.pick(&[
                    '(', ')', '[', ']', ':', '\n', '\t', ' ', '\\', '"', '\'', '#', '\r', '\u{0}',
                    '\u{c}', '\u{b}', 'é', '\u{2028}', '\u{feff}',
                ]),
            ),
            2 => chars[i] = char::from_u32(rng.below(0x11_0000) as u32).unwrap_or('?'),
            _ => chars[i] = *rng.pick(&['0', '9', '.', 'e', '_', 'x', 'j', '-', '+', '*']),
        }
    }
    chars.into_iter().collect()
}

fn splice(s: &str, rng: &mut Rng, corpus: &Corpus) -> String {
    let (_, other) = rng.pick(&corpus.programs);
    let a = lines_of(s);
    let b = lines_of(other);
    let i = rng.below(a.len());
    let j = rng.below(b.len());
    let k = (j + rng.range(1, 20)).min(b.len());
    let mut out = a[..i].to_vec();
    out.extend_from_slice(&b[j..k]);
    out.extend_from_slice(&a[i..]);
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> Corpus {
        Corpus::from_programs(vec![])
    }

    #[test]
    fn mutations_are_deterministic() {
        let c = corpus();
        let src = &c.programs[0].1;
        for seed in 0..50 {
            let a = mutate(src, 3, &mut Rng::new(seed), &c);
            let b = mutate(src, 3, &mut Rng::new(seed), &c);
            assert_eq!(a, b);
        }
    }

    #[test]
    fn mutations_change_the_program() {
        let c = corpus();
        let src = &c.programs[0].1;
        let changed = (0..100)
            .filter(|&seed| mutate(src, 1, &mut Rng::new(seed), &c) != *src)
            .count();
        assert!(
            changed > 80,
            "only {changed} of 100 mutations changed the text"
        );
    }

    #[test]
    fn nesting_reaches_the_depth_asked() {
        let mut rng = Rng::new(3);
        let mut seen_deep = false;
        for _ in 0..200 {
            let out = nest_expr("x = 1\n", &mut rng);
            if out.len() > 100_000 {
                seen_deep = true;
            }
        }
        assert!(seen_deep, "some nestings go far past the model's limits");
    }
}
