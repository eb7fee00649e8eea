//! Every construct the loader accepts is implemented to CPython's semantics or refused (issue
//! 12, SPEC M1). `kind_of_stmt` and `kind_of_expr` match ruff's syntax tree exhaustively, so a
//! construct a new parser version adds does not compile until it is listed here; the snippets
//! below must between them contain every kind; and each snippet, on 3.8 (where its syntax
//! exists), 3.12 and 3.14.8, is either refused by the model (exit 2, "not supported") or gives
//! exactly CPython's trace, checked live against the interpreters.

use std::collections::BTreeSet;

use aiospec::check::{check_scenarios, Verdict};
use aiospec::oracle::CpythonImpl;
use aiospec_model::{load_str, PyVersion};
use ruff_python_ast::visitor::{walk_except_handler, walk_expr, walk_stmt, Visitor};
use ruff_python_ast::{ExceptHandler, Expr, Stmt};

fn kind_of_stmt(s: &Stmt) -> &'static str {
    match s {
        Stmt::FunctionDef(f) if f.is_async => "async def",
        Stmt::FunctionDef(f) if !f.decorator_list.is_empty() => "decorated def",
        Stmt::FunctionDef(_) => "def",
        Stmt::ClassDef(_) => "class",
        Stmt::Return(_) => "return",
        Stmt::Delete(_) => "del",
        Stmt::TypeAlias(_) => "type alias",
        Stmt::Assign(_) => "assignment",
        Stmt::AugAssign(_) => "augmented assignment",
        Stmt::AnnAssign(_) => "annotated assignment",
        Stmt::For(f) if f.is_async => "async for",
        Stmt::For(_) => "for",
        Stmt::While(_) => "while",
        Stmt::If(_) => "if",
        Stmt::With(w) if w.is_async => "async with",
        Stmt::With(_) => "with",
        Stmt::Match(_) => "match",
        Stmt::Raise(_) => "raise",
        Stmt::Try(t) if t.is_star => "try/except*",
        Stmt::Try(_) => "try",
        Stmt::Assert(_) => "assert",
        Stmt::Import(_) => "import",
        Stmt::ImportFrom(_) => "from import",
        Stmt::Global(_) => "global",
        Stmt::Nonlocal(_) => "nonlocal",
        Stmt::Expr(_) => "expression statement",
        Stmt::Pass(_) => "pass",
        Stmt::Break(_) => "break",
        Stmt::Continue(_) => "continue",
        Stmt::IpyEscapeCommand(_) => "IPython escape",
    }
}

fn kind_of_expr(e: &Expr) -> &'static str {
    match e {
        Expr::BoolOp(_) => "and/or",
        Expr::Named(_) => "walrus",
        Expr::BinOp(_) => "binary operator",
        Expr::UnaryOp(_) => "unary operator",
        Expr::Lambda(_) => "lambda",
        Expr::If(_) => "conditional expression",
        Expr::Dict(_) => "dict display",
        Expr::Set(_) => "set display",
        Expr::ListComp(_) => "list comprehension",
        Expr::SetComp(_) => "set comprehension",
        Expr::DictComp(_) => "dict comprehension",
        Expr::Generator(_) => "generator expression",
        Expr::Await(_) => "await",
        Expr::Yield(_) => "yield",
        Expr::YieldFrom(_) => "yield from",
        Expr::Compare(_) => "comparison",
        Expr::Call(_) => "call",
        Expr::FString(_) => "f-string",
        Expr::TString(_) => "t-string",
        Expr::StringLiteral(_) => "str literal",
        Expr::BytesLiteral(_) => "bytes literal",
        Expr::NumberLiteral(_) => "number literal",
        Expr::BooleanLiteral(_) => "bool literal",
        Expr::NoneLiteral(_) => "None",
        Expr::EllipsisLiteral(_) => "Ellipsis",
        Expr::Attribute(_) => "attribute",
        Expr::Subscript(_) => "subscript",
        Expr::Starred(_) => "starred",
        Expr::Name(_) => "name",
        Expr::List(_) => "list display",
        Expr::Tuple(_) => "tuple display",
        Expr::Slice(_) => "slice",
        Expr::IpyEscapeCommand(_) => "IPython escape",
    }
}

/// Every kind the two functions above can return, except IPython's escapes, which the
/// parser only makes in IPython mode (the model parses Python modules).
const ALL_KINDS: &[&str] = &[
    "async def",
    "decorated def",
    "def",
    "class",
    "return",
    "del",
    "type alias",
    "assignment",
    "augmented assignment",
    "annotated assignment",
    "async for",
    "for",
    "while",
    "if",
    "async with",
    "with",
    "match",
    "raise",
    "try/except*",
    "try",
    "assert",
    "import",
    "from import",
    "global",
    "nonlocal",
    "expression statement",
    "pass",
    "break",
    "continue",
    "and/or",
    "walrus",
    "binary operator",
    "unary operator",
    "lambda",
    "conditional expression",
    "dict display",
    "set display",
    "list comprehension",
    "set comprehension",
    "dict comprehension",
    "generator expression",
    "await",
    "yield",
    "yield from",
    "comparison",
    "call",
    "f-string",
    "t-string",
    "str literal",
    "bytes literal",
    "number literal",
    "bool literal",
    "None",
    "Ellipsis",
    "attribute",
    "subscript",
    "starred",
    "name",
    "list display",
    "tuple display",
    "slice",
];

/// (python versions, program): one or more constructs each.
const SNIPPETS: &[(&str, &str)] = &[
    ("3.8-3.15", "import asyncio\nasync def f(x, *a, k=2, **kw):\n    return x + k\nprint(asyncio.run(f(1)))\n"),
    ("3.8-3.15", "def deco(f):\n    return lambda *a: ('wrapped', f(*a))\n@deco\ndef g(x):\n    return x\nprint(g(3))\n"),
    ("3.8-3.15", "class A:\n    n = 1\n    def get(self):\n        return self.n\nclass B(A):\n    def get(self):\n        return super().get() + 1\nprint(B().get())\n"),
    ("3.8-3.15", "x = [1, 2, 3]\ndel x[0]\nd = {'a': 1}\ndel d['a']\nprint(x, d)\n"),
    ("3.12-3.15", "type Pair = tuple[int, int]\nprint('alias')\n"),
    ("3.8-3.15", "a, (b, *c) = 1, (2, 3, 4)\na += 10\nb <<= 2\nprint(a, b, c)\n"),
    ("3.8-3.15", "x: int = 5\nclass C:\n    y: str = 'v'\nprint(x, C.y)\n"),
    ("3.8-3.15", "import asyncio\nclass Ticker:\n    def __init__(self):\n        self.i = 0\n    def __aiter__(self):\n        return self\n    async def __anext__(self):\n        self.i += 1\n        if self.i > 3:\n            raise StopAsyncIteration\n        await asyncio.sleep(0.1)\n        return self.i\nasync def main():\n    async for t in Ticker():\n        print(t)\n    print([t async for t in Ticker()])\nasyncio.run(main())\n"),
    ("3.8-3.15", "n = 0\nwhile True:\n    n += 1\n    if n < 3:\n        continue\n    elif n > 5:\n        break\nelse:\n    print('no')\nfor i in range(3):\n    pass\nelse:\n    print('for else', i, n)\n"),
    ("3.8-3.15", "import asyncio\nclass Res:\n    async def __aenter__(self):\n        print('enter')\n        return self\n    async def __aexit__(self, *e):\n        print('exit', e[0])\nclass Sync:\n    def __enter__(self):\n        return 1\n    def __exit__(self, *e):\n        return True\nasync def main():\n    async with Res() as r:\n        pass\n    with Sync() as s:\n        raise ValueError\n    print('suppressed', s)\nasyncio.run(main())\n"),
    ("3.10-3.15", "def f(p):\n    match p:\n        case (0, y):\n            return f'y={y}'\n        case {'k': v}:\n            return v\n        case [*_]:\n            return 'seq'\n        case _:\n            return None\nprint(f((0, 2)), f({'k': 3}), f([1]), f(5))\n"),
    ("3.8-3.15", "try:\n    try:\n        1 / 0\n    except ZeroDivisionError as e:\n        raise KeyError('k') from e\n    finally:\n        print('finally')\nexcept KeyError as e:\n    print(repr(e), repr(e.__cause__))\nelse:\n    print('else')\n"),
    ("3.11-3.15", "try:\n    raise ExceptionGroup('g', [ValueError(1), TypeError(2)])\nexcept* ValueError as eg:\n    print('v', eg.exceptions)\nexcept* TypeError as eg:\n    print('t', eg.exceptions)\n"),
    ("3.8-3.15", "assert 1 + 1 == 2, 'math'\ntry:\n    assert False, 'no'\nexcept AssertionError as e:\n    print(e)\n"),
    ("3.8-3.15", "import random\nfrom functools import partial\nprint(partial(max, 3)(5), random.Random(1).randint(1, 9))\n"),
    ("3.8-3.15", "g = 0\ndef bump():\n    global g\n    g += 1\ndef outer():\n    n = 0\n    def inner():\n        nonlocal n\n        n += 1\n    inner()\n    return n\nbump()\nprint(g, outer())\n"),
    ("3.8-3.15", "print(1 and 0 or 2, not 1, -3, ~4, +5, 2 ** 10 % 7 // 2, 1 if 0 else 3)\n"),
    ("3.8-3.15", "if (n := len('abc')) > 2:\n    print(n)\n"),
    ("3.8-3.15", "print({1: 'a', **{2: 'b'}}, {3, 1}, [x * 2 for x in range(3) if x], {x % 2 for x in range(5)}, {k: v for k, v in [(1, 2)]}, sum(x for x in range(4)))\n"),
    ("3.8-3.15", "def gen():\n    x = yield 1\n    yield from range(x, x + 2)\ng = gen()\nprint(next(g), g.send(5), next(g))\n"),
    ("3.8-3.15", "print(1 < 2 < 3, 'a' in 'abc', None is None, [] is not [], 3 != 4)\n"),
    ("3.8-3.15", "w = 3.14159\nprint(f'{w:.2f} {w!r} {\"x\":>4}|', b'ab', 0x1f, 1e3, True, None, ..., 'str')\n"),
    ("3.14-3.15", "name = 'x'\nt = t'hi {name}'\nprint(type(t).__name__)\n"),
    ("3.8-3.15", "class P:\n    pass\np = P()\np.x = [0, 1, 2, 3]\np.x[1:3] = ['a']\nprint(p.x, p.x[::-1], p.x[-1], [*p.x, *'yz'])\n"),
];

#[derive(Default)]
struct Kinds(BTreeSet<&'static str>);

impl<'a> Visitor<'a> for Kinds {
    fn visit_stmt(&mut self, s: &'a Stmt) {
        self.0.insert(kind_of_stmt(s));
        walk_stmt(self, s);
    }
    fn visit_expr(&mut self, e: &'a Expr) {
        self.0.insert(kind_of_expr(e));
        walk_expr(self, e);
    }
    fn visit_except_handler(&mut self, h: &'a ExceptHandler) {
        walk_except_handler(self, h);
    }
}

#[test]
fn the_snippets_cover_every_construct_the_parser_makes() {
    let mut kinds = Kinds::default();
    for (_, src) in SNIPPETS {
        let parsed = ruff_python_parser::parse_module(src).expect("snippets parse");
        for s in &parsed.syntax().body {
            kinds.visit_stmt(s);
        }
    }
    let missing: Vec<&&str> = ALL_KINDS
        .iter()
        .filter(|k| !kinds.0.contains(**k))
        .collect();
    assert!(missing.is_empty(), "no snippet has: {missing:?}");
    let unknown: Vec<&&str> = kinds.0.iter().filter(|k| !ALL_KINDS.contains(k)).collect();
    assert!(unknown.is_empty(), "kinds not in ALL_KINDS: {unknown:?}");
}

#[test]
fn every_construct_is_cpythons_or_refused() {
    let found = aiospec::oracle::find_interpreters();
    let versions = [PyVersion::new(8), PyVersion::new(12), PyVersion::at(14, 8)];
    if versions.iter().any(|v| !found.contains_key(v)) {
        assert_eq!(
            std::env::var("AIOSPEC_SKIP_CPYTHON").as_deref(),
            Ok("1"),
            "CPython 3.8, 3.12 or 3.14.8 is missing (AIOSPEC_SKIP_CPYTHON=1 skips this test)"
        );
        return;
    }
    let programs: Vec<(String, aiospec_model::Program)> = SNIPPETS
        .iter()
        .enumerate()
        .map(|(i, (py, src))| {
            let text = format!("# aiospec: python = {py}\n{src}");
            let name = format!("snippet{i}.py");
            (name.clone(), load_str(&text, &name).expect("loads"))
        })
        .collect();
    let report = check_scenarios(&programs, &versions, &[CpythonImpl::C]).expect("checks");
    let (mut agreed, mut refused) = (0, 0);
    for r in &report.rows {
        match &r.verdict {
            Verdict::Agree { .. } => agreed += 1,
            Verdict::ModelError(e) if e.contains("not supported by the model") => refused += 1,
            other => panic!("{} on {}: {other:?}", r.scenario, r.version),
        }
    }
    eprintln!("constructs: {agreed} agree with CPython, {refused} refused");
    assert!(agreed > 0);
}
