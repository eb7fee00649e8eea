//! Code objects: the compiled form of a module, class body, function or comprehension.
//!
//! A small stack bytecode, close to CPython 3.9's (block stack for `try`/`with`), so a
//! coroutine or generator can suspend at any `await`/`yield` and resume there. Every
//! instruction keeps the source span CPython's `co_positions` would give it, for tracebacks.

use std::rc::Rc;

use super::source::{SourceFile, Span};
use super::value::Value;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    MatMul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    And,
    Or,
    Xor,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        use BinOp::*;
        match self {
            Add => "+",
            Sub => "-",
            Mul => "*",
            MatMul => "@",
            Div => "/",
            FloorDiv => "//",
            Mod => "%",
            Pow => "**",
            LShift => "<<",
            RShift => ">>",
            And => "&",
            Or => "|",
            Xor => "^",
        }
    }

    /// The special method names: `__add__`, `__radd__`, `__iadd__`.
    pub fn dunder(self) -> (&'static str, &'static str, &'static str) {
        use BinOp::*;
        match self {
            Add => ("__add__", "__radd__", "__iadd__"),
            Sub => ("__sub__", "__rsub__", "__isub__"),
            Mul => ("__mul__", "__rmul__", "__imul__"),
            MatMul => ("__matmul__", "__rmatmul__", "__imatmul__"),
            Div => ("__truediv__", "__rtruediv__", "__itruediv__"),
            FloorDiv => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
            Mod => ("__mod__", "__rmod__", "__imod__"),
            Pow => ("__pow__", "__rpow__", "__ipow__"),
            LShift => ("__lshift__", "__rlshift__", "__ilshift__"),
            RShift => ("__rshift__", "__rrshift__", "__irshift__"),
            And => ("__and__", "__rand__", "__iand__"),
            Or => ("__or__", "__ror__", "__ior__"),
            Xor => ("__xor__", "__rxor__", "__ixor__"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }

    pub fn dunder(self) -> &'static str {
        match self {
            CmpOp::Eq => "__eq__",
            CmpOp::Ne => "__ne__",
            CmpOp::Lt => "__lt__",
            CmpOp::Le => "__le__",
            CmpOp::Gt => "__gt__",
            CmpOp::Ge => "__ge__",
        }
    }

    /// The reflected operation (`a < b` tries `b.__gt__(a)`).
    pub fn swapped(self) -> CmpOp {
        match self {
            CmpOp::Eq => CmpOp::Eq,
            CmpOp::Ne => CmpOp::Ne,
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::Le => CmpOp::Ge,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::Ge => CmpOp::Le,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Neg,
    Pos,
    Not,
    Invert,
}

/// f-string conversions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conversion {
    None,
    Str,
    Repr,
    Ascii,
}

#[derive(Clone, Debug)]
pub enum Instr {
    Nop,
    Const(Value),
    Pop,
    Dup,
    /// Duplicate the top two values.
    Dup2,
    /// Swap the top two values.
    Rot2,
    /// Move the top value below the next two.
    Rot3,
    /// Move the top value below the next three.
    Rot4,

    LoadFast(u32),
    StoreFast(u32),
    DeleteFast(u32),
    /// A cell (cellvars then freevars).
    LoadDeref(u32),
    StoreDeref(u32),
    DeleteDeref(u32),
    /// Push the cell object itself (to build a closure).
    LoadClosure(u32),
    LoadGlobal(Rc<str>),
    StoreGlobal(Rc<str>),
    DeleteGlobal(Rc<str>),
    /// Module and class bodies: the local namespace, then globals, then builtins.
    LoadName(Rc<str>),
    StoreName(Rc<str>),
    DeleteName(Rc<str>),
    /// A class body reading a free variable: the class namespace first, then the cell.
    LoadClassDeref(u32, Rc<str>),

    LoadAttr(Rc<str>),
    StoreAttr(Rc<str>),
    DeleteAttr(Rc<str>),
    Subscript,
    StoreSubscr,
    DeleteSubscr,
    /// Build a slice from 2 or 3 values.
    BuildSlice(u32),

    BuildTuple(u32),
    BuildList(u32),
    BuildSet(u32),
    /// Build a dict from n key/value pairs.
    BuildMap(u32),
    /// Concatenate n strings (f-strings).
    BuildString(u32),
    /// f-string field: value (and the spec string on top when `has_spec`) to a string.
    FormatValue(Conversion, bool),
    /// Append TOS to the list `depth` below it (after popping TOS).
    ListAppend(u32),
    SetAdd(u32),
    /// Key below value: set `container[key] = value` on the dict `depth` below.
    MapAdd(u32),
    /// Extend the list `depth` below with the iterable on top.
    ListExtend(u32),
    SetUpdate(u32),
    /// Merge the mapping on top into the dict `depth` below (`{**m}`).
    DictUpdate(u32),
    /// As DictUpdate, for a call's `**kwargs`: duplicate keys are a TypeError naming the
    /// function (which is `depth + 2` below).
    DictMerge(u32),
    ListToTuple,
    UnpackSequence(u32),
    /// Starred assignment target: (count before, count after).
    UnpackEx(u32, u32),

    /// Call with n positional arguments on the stack above the callee.
    Call(u32),
    /// Call with n positional and then keyword arguments; the names are given.
    CallKw(u32, Rc<[Rc<str>]>),
    /// Call with a list (or tuple) of positional arguments, and a dict of keywords when the
    /// flag is set.
    CallEx(bool),

    Unary(UnaryOp),
    Binary(BinOp),
    /// Augmented assignment (`+=`): tries `__iadd__` first.
    Inplace(BinOp),
    Compare(CmpOp),
    /// `is` (false) / `is not` (true).
    IsOp(bool),
    /// `in` (false) / `not in` (true).
    ContainsOp(bool),

    Jump(u32),
    PopJumpIfFalse(u32),
    PopJumpIfTrue(u32),
    JumpIfFalseOrPop(u32),
    JumpIfTrueOrPop(u32),

    GetIter,
    /// Next item of the iterator on top, or pop it and jump when exhausted.
    ForIter(u32),
    /// `async for`: `aiter(obj)`.
    GetAIter,
    /// `async for`: push `anext(iter)`'s awaitable (to be awaited by `Await`).
    GetANext,
    /// End of an `async for`: the exception on top is StopAsyncIteration (pop it, and the
    /// iterator) or is re-raised.
    EndAsyncFor,
    /// `await`: delegate to the awaitable on top (coroutine, future, `__await__`).
    Await,
    /// `yield` TOS.
    Yield,
    /// `yield from` the iterable on top.
    YieldFrom,
    Return,

    /// `raise` (0: re-raise the handled exception, 1: raise TOS, 2: raise TOS1 from TOS).
    Raise(u8),
    /// Re-raise the exception on top (end of a finally, unmatched handlers): no new
    /// traceback entry.
    Reraise,
    SetupExcept(u32),
    SetupFinally(u32),
    /// `with`/`async with` body: like SetupFinally, the handler calls `__exit__`.
    SetupWith(u32),
    PopBlock,
    /// Leave an except handler: pop the handled-exception stack.
    PopExcept,
    /// Stack: exc, types -> exc, bool.
    ExcMatch,
    /// `except*`: split the group on top by the types on top of it; leaves (rest, match).
    ExcStarMatch,
    /// End of an `except*` block: raise what is left (plus what handlers raised).
    ExcStarReraise,
    /// Push `__exit__` and then the result of `__enter__` (`async`: `__aexit__`, and the
    /// awaitable of `__aenter__()`).
    BeforeWith(bool),
    /// With the exception on top and `__exit__` below: push `__exit__(type, exc, tb)`
    /// (an awaitable for `async with`).
    WithExceptStart,
    /// Normal exit of a with body: call `__exit__(None, None, None)` (popped), push the
    /// result.
    WithNormalExit,

    /// Make a function from the code object; flags say which of defaults (tuple),
    /// kwdefaults (dict) and closure (tuple of cells) are on the stack, in that order.
    MakeFunction {
        code: Rc<Code>,
        defaults: bool,
        kwdefaults: bool,
        closure: bool,
    },
    /// Build a class: stack holds the body function, then n bases, then the keyword dict
    /// if the flag is set.
    BuildClass(Rc<str>, u32, bool),
    /// `import name` (the top package for dotted names unless `full`).
    Import(Rc<str>, bool),
    /// `from module import name`: module on top stays; pushes the attribute.
    ImportFrom(Rc<str>),
    /// Evaluate annotations at module or class level: discards TOS.
    PopAnnotation,
    /// `assert`: raise AssertionError (with TOS as the message when the flag is set).
    RaiseAssert(bool),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeKind {
    Module,
    Class,
    Function,
    Lambda,
    /// A list/set/dict comprehension (a function of its own until 3.12 inlined them).
    Comprehension,
    GenExpr,
}

pub struct Code {
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    pub kind: CodeKind,
    pub is_coroutine: bool,
    pub is_generator: bool,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub varargs: bool,
    pub varkw: bool,
    /// Local variables, parameters first.
    pub varnames: Vec<Rc<str>>,
    pub cellvars: Vec<Rc<str>>,
    pub freevars: Vec<Rc<str>>,
    /// For each cellvar that is also a parameter, the parameter's index.
    pub cell_params: Vec<(u32, u32)>,
    pub instrs: Vec<Instr>,
    pub spans: Vec<Span>,
    /// On 3.7, each instruction's line as 3.7's compiler numbers it (the highest line an
    /// expression of the statement started on so far); empty on other versions.
    pub lines37: Vec<u32>,
    pub firstlineno: u32,
    /// Span of the `def`/`class` (or the whole module).
    pub span: Span,
    pub source: Rc<SourceFile>,
}

impl std::fmt::Debug for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<code {}>", self.qualname)
    }
}

impl Code {
    /// The line instruction `instr` belongs to, as the version's line table says.
    pub fn line_of(&self, instr: u32) -> u32 {
        if let Some(&l) = self.lines37.get(instr as usize) {
            if l > 0 {
                return l;
            }
        }
        let span = self.spans.get(instr as usize).copied().unwrap_or_default();
        self.source.line_col(span.start).line
    }

    pub fn ncells(&self) -> usize {
        self.cellvars.len() + self.freevars.len()
    }

    /// Name of cell `i` (cellvars then freevars).
    pub fn cell_name(&self, i: u32) -> &Rc<str> {
        let i = i as usize;
        if i < self.cellvars.len() {
            &self.cellvars[i]
        } else {
            &self.freevars[i - self.cellvars.len()]
        }
    }

    /// Number of positional parameters plus keyword-only ones.
    pub fn total_args(&self) -> usize {
        self.argcount as usize + self.kwonlyargcount as usize
    }
}
