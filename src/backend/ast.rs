//! The abstract syntax of scenario programs: a small subset of Python.

#[derive(Clone, Debug, PartialEq)]
pub enum Const {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Is,
    IsNot,
    In,
    NotIn,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    Pos(Expr),
    Star(Expr),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Const(Const),
    Name(String),
    List(Vec<Arg>),
    Tuple(Vec<Expr>),
    ListComp {
        elt: Box<Expr>,
        var: String,
        iter: Box<Expr>,
        cond: Option<Box<Expr>>,
    },
    Call {
        func: Box<Expr>,
        args: Vec<Arg>,
        kwargs: Vec<(String, Expr)>,
    },
    Attr(Box<Expr>, String),
    Subscript(Box<Expr>, Box<Expr>),
    Neg(Box<Expr>),
    Not(Box<Expr>),
    Await(Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    Compare(CmpOp, Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    IfElse {
        cond: Box<Expr>,
        then: Box<Expr>,
        els: Box<Expr>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Handler {
    /// `None` for a bare `except:`.
    pub types: Option<Expr>,
    pub name: Option<String>,
    pub body: Vec<Stmt>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Stmt {
    Expr(Expr),
    /// `a = e` or `a, b = e`.
    Assign(Vec<String>, Expr),
    Return(Option<Expr>),
    /// `raise e`, or a bare `raise` (None).
    Raise(Option<Expr>),
    Pass,
    If {
        cond: Expr,
        then: Vec<Stmt>,
        els: Vec<Stmt>,
    },
    For {
        var: String,
        iter: Expr,
        body: Vec<Stmt>,
    },
    Try {
        body: Vec<Stmt>,
        handlers: Vec<Handler>,
        orelse: Vec<Stmt>,
        finally: Vec<Stmt>,
    },
    /// `async with ctx [as var]: body` (one item).
    AsyncWith {
        ctx: Expr,
        var: Option<String>,
        body: Vec<Stmt>,
    },
}

/// A coroutine function: `async def name(params): body`.
#[derive(Clone, Debug, PartialEq)]
pub struct CoroDef {
    pub name: String,
    pub params: Vec<String>,
    pub body: Vec<Stmt>,
}
