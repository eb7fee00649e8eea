//! A parser for the Python subset scenario files use in their statement strings
//! (`"await asyncio.sleep(i)"`, `"done, pending = await asyncio.wait(ts, timeout=0.5)"`).
//!
//! Errors carry the 1-based column in the string, so a scenario error can name the place.

use crate::ast::*;

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Int(i64),
    Float(f64),
    Str(String),
    Name(String),
    Op(&'static str),
    End,
}

pub struct ParseError {
    pub col: usize,
    pub msg: String,
}

const OPS: [&str; 25] = [
    "**", "//", "==", "!=", "<=", ">=", "(", ")", "[", "]", ",", ".", "=", "+", "-", "*", "/", "%",
    "<", ">", ":", "{", "}", ";", "@",
];

fn lex(src: &str) -> Result<Vec<(Tok, usize)>, ParseError> {
    let chars: Vec<char> = src.chars().collect();
    let mut i = 0;
    let mut out = Vec::new();
    while i < chars.len() {
        let c = chars[i];
        let col = i + 1;
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit()
            || (c == '.' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit()))
        {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_alphanumeric()
                    || chars[i] == '.'
                    || chars[i] == '_'
                    || ((chars[i] == '+' || chars[i] == '-') && matches!(chars[i - 1], 'e' | 'E')))
            {
                i += 1;
            }
            let text: String = chars[start..i].iter().filter(|c| **c != '_').collect();
            let is_float = text.contains(['.', 'e', 'E']);
            if is_float {
                match text.parse::<f64>() {
                    Ok(f) => out.push((Tok::Float(f), col)),
                    Err(_) => {
                        return Err(ParseError {
                            col,
                            msg: format!("bad number {text:?}"),
                        })
                    }
                }
            } else {
                match text.parse::<i64>() {
                    Ok(n) => out.push((Tok::Int(n), col)),
                    Err(_) => {
                        return Err(ParseError {
                            col,
                            msg: format!("bad number {text:?}"),
                        })
                    }
                }
            }
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push((Tok::Name(chars[start..i].iter().collect()), col));
        } else if c == '\'' || c == '"' {
            let q = c;
            i += 1;
            let mut s = String::new();
            loop {
                match chars.get(i) {
                    None => {
                        return Err(ParseError {
                            col,
                            msg: "unterminated string".into(),
                        });
                    }
                    Some(&ch) if ch == q => {
                        i += 1;
                        break;
                    }
                    Some('\\') => {
                        let e = chars.get(i + 1).copied();
                        s.push(match e {
                            Some('n') => '\n',
                            Some('t') => '\t',
                            Some('r') => '\r',
                            Some('\\') => '\\',
                            Some('\'') => '\'',
                            Some('"') => '"',
                            _ => {
                                return Err(ParseError {
                                    col: i + 1,
                                    msg: "unsupported escape in string".into(),
                                })
                            }
                        });
                        i += 2;
                    }
                    Some(&ch) => {
                        s.push(ch);
                        i += 1;
                    }
                }
            }
            out.push((Tok::Str(s), col));
        } else {
            let rest: String = chars[i..chars.len().min(i + 2)].iter().collect();
            match OPS.iter().find(|op| rest.starts_with(**op)) {
                Some(op) => {
                    out.push((Tok::Op(op), col));
                    i += op.len();
                }
                None => {
                    return Err(ParseError {
                        col,
                        msg: format!("unexpected character {c:?}"),
                    })
                }
            }
        }
    }
    out.push((Tok::End, chars.len() + 1));
    Ok(out)
}

const KEYWORDS: [&str; 17] = [
    "and", "or", "not", "await", "is", "in", "if", "else", "for", "return", "raise", "pass",
    "True", "False", "None", "lambda", "yield",
];

struct Parser {
    toks: Vec<(Tok, usize)>,
    pos: usize,
}

type PResult<T> = Result<T, ParseError>;
type CallArgs = (Vec<Arg>, Vec<(String, Expr)>);

impl Parser {
    fn peek(&self) -> &Tok {
        &self.toks[self.pos].0
    }
    fn col(&self) -> usize {
        self.toks[self.pos].1
    }
    fn bump(&mut self) -> Tok {
        let t = self.toks[self.pos].0.clone();
        if self.pos + 1 < self.toks.len() {
            self.pos += 1;
        }
        t
    }
    fn err<T>(&self, msg: impl Into<String>) -> PResult<T> {
        Err(ParseError {
            col: self.col(),
            msg: msg.into(),
        })
    }
    fn is_op(&self, op: &str) -> bool {
        matches!(self.peek(), Tok::Op(o) if *o == op)
    }
    fn is_kw(&self, kw: &str) -> bool {
        matches!(self.peek(), Tok::Name(n) if n == kw)
    }
    fn eat_op(&mut self, op: &str) -> bool {
        if self.is_op(op) {
            self.bump();
            true
        } else {
            false
        }
    }
    fn eat_kw(&mut self, kw: &str) -> bool {
        if self.is_kw(kw) {
            self.bump();
            true
        } else {
            false
        }
    }
    fn expect_op(&mut self, op: &str) -> PResult<()> {
        if self.eat_op(op) {
            Ok(())
        } else {
            self.err(format!("expected '{op}' here"))
        }
    }
    fn ident(&mut self) -> PResult<String> {
        match self.peek().clone() {
            Tok::Name(n) if !KEYWORDS.contains(&n.as_str()) => {
                self.bump();
                Ok(n)
            }
            _ => self.err("expected a name here"),
        }
    }

    fn expr(&mut self) -> PResult<Expr> {
        let e = self.or_expr()?;
        if self.is_kw("if") {
            // Conditional expression: `a if c else b`.
            self.bump();
            let cond = self.or_expr()?;
            if !self.eat_kw("else") {
                return self.err("expected 'else' in a conditional expression");
            }
            let els = self.expr()?;
            return Ok(Expr::IfElse {
                cond: Box::new(cond),
                then: Box::new(e),
                els: Box::new(els),
            });
        }
        Ok(e)
    }
    fn or_expr(&mut self) -> PResult<Expr> {
        let mut e = self.and_expr()?;
        while self.eat_kw("or") {
            e = Expr::Or(Box::new(e), Box::new(self.and_expr()?));
        }
        Ok(e)
    }
    fn and_expr(&mut self) -> PResult<Expr> {
        let mut e = self.not_expr()?;
        while self.eat_kw("and") {
            e = Expr::And(Box::new(e), Box::new(self.not_expr()?));
        }
        Ok(e)
    }
    fn not_expr(&mut self) -> PResult<Expr> {
        if self.eat_kw("not") {
            return Ok(Expr::Not(Box::new(self.not_expr()?)));
        }
        self.comparison()
    }
    fn comparison(&mut self) -> PResult<Expr> {
        let mut e = self.arith()?;
        loop {
            let op = match self.peek() {
                Tok::Op("==") => CmpOp::Eq,
                Tok::Op("!=") => CmpOp::Ne,
                Tok::Op("<") => CmpOp::Lt,
                Tok::Op("<=") => CmpOp::Le,
                Tok::Op(">") => CmpOp::Gt,
                Tok::Op(">=") => CmpOp::Ge,
                Tok::Name(n) if n == "in" => CmpOp::In,
                Tok::Name(n) if n == "is" => {
                    self.bump();
                    let op = if self.eat_kw("not") {
                        CmpOp::IsNot
                    } else {
                        CmpOp::Is
                    };
                    e = Expr::Compare(op, Box::new(e), Box::new(self.arith()?));
                    continue;
                }
                Tok::Name(n) if n == "not" => {
                    self.bump();
                    if !self.eat_kw("in") {
                        return self.err("expected 'in' after 'not'");
                    }
                    e = Expr::Compare(CmpOp::NotIn, Box::new(e), Box::new(self.arith()?));
                    continue;
                }
                _ => return Ok(e),
            };
            self.bump();
            e = Expr::Compare(op, Box::new(e), Box::new(self.arith()?));
        }
    }
    fn arith(&mut self) -> PResult<Expr> {
        let mut e = self.term()?;
        loop {
            let op = match self.peek() {
                Tok::Op("+") => BinOp::Add,
                Tok::Op("-") => BinOp::Sub,
                _ => return Ok(e),
            };
            self.bump();
            e = Expr::Binary(op, Box::new(e), Box::new(self.term()?));
        }
    }
    fn term(&mut self) -> PResult<Expr> {
        let mut e = self.unary()?;
        loop {
            let op = match self.peek() {
                Tok::Op("*") => BinOp::Mul,
                Tok::Op("/") => BinOp::Div,
                Tok::Op("//") => BinOp::FloorDiv,
                Tok::Op("%") => BinOp::Mod,
                _ => return Ok(e),
            };
            self.bump();
            e = Expr::Binary(op, Box::new(e), Box::new(self.unary()?));
        }
    }
    fn unary(&mut self) -> PResult<Expr> {
        if self.eat_op("-") {
            return Ok(Expr::Neg(Box::new(self.unary()?)));
        }
        if self.eat_op("+") {
            return self.unary();
        }
        if self.eat_kw("await") {
            return Ok(Expr::Await(Box::new(self.unary()?)));
        }
        self.postfix()
    }
    fn postfix(&mut self) -> PResult<Expr> {
        let mut e = self.atom()?;
        loop {
            if self.eat_op("(") {
                let (args, kwargs) = self.call_args()?;
                e = Expr::Call {
                    func: Box::new(e),
                    args,
                    kwargs,
                };
            } else if self.eat_op(".") {
                let name = self.ident()?;
                e = Expr::Attr(Box::new(e), name);
            } else if self.eat_op("[") {
                let idx = self.expr()?;
                self.expect_op("]")?;
                e = Expr::Subscript(Box::new(e), Box::new(idx));
            } else {
                return Ok(e);
            }
        }
    }
    fn call_args(&mut self) -> PResult<CallArgs> {
        let mut args = Vec::new();
        let mut kwargs: Vec<(String, Expr)> = Vec::new();
        while !self.is_op(")") {
            if self.eat_op("*") {
                args.push(Arg::Star(self.expr()?));
            } else if matches!(self.peek(), Tok::Name(_))
                && matches!(self.toks[self.pos + 1].0, Tok::Op("="))
            {
                let col = self.col();
                let k = self.ident()?;
                self.bump();
                if kwargs.iter().any(|(n, _)| *n == k) {
                    return Err(ParseError {
                        col,
                        msg: format!("keyword argument {k:?} repeated"),
                    });
                }
                kwargs.push((k, self.expr()?));
            } else {
                if !kwargs.is_empty() {
                    return self.err("positional argument follows keyword argument");
                }
                let e = self.expr()?;
                if self.is_kw("for") && args.is_empty() {
                    // A generator expression as the sole argument: treat as a list comprehension.
                    let comp = self.comprehension_tail(e)?;
                    args.push(Arg::Pos(comp));
                } else {
                    args.push(Arg::Pos(e));
                }
            }
            if !self.eat_op(",") {
                break;
            }
        }
        self.expect_op(")")?;
        Ok((args, kwargs))
    }
    fn comprehension_tail(&mut self, elt: Expr) -> PResult<Expr> {
        self.bump(); // for
        let var = self.ident()?;
        if !self.eat_kw("in") {
            return self.err("expected 'in' in a comprehension");
        }
        let iter = self.or_expr()?;
        let cond = if self.eat_kw("if") {
            Some(Box::new(self.or_expr()?))
        } else {
            None
        };
        Ok(Expr::ListComp {
            elt: Box::new(elt),
            var,
            iter: Box::new(iter),
            cond,
        })
    }
    fn atom(&mut self) -> PResult<Expr> {
        let col = self.col();
        match self.bump() {
            Tok::Int(n) => Ok(Expr::Const(Const::Int(n))),
            Tok::Float(f) => Ok(Expr::Const(Const::Float(f))),
            Tok::Str(s) => {
                let mut s = s;
                while let Tok::Str(more) = self.peek().clone() {
                    self.bump();
                    s.push_str(&more);
                }
                Ok(Expr::Const(Const::Str(s)))
            }
            Tok::Name(n) => match n.as_str() {
                "True" => Ok(Expr::Const(Const::Bool(true))),
                "False" => Ok(Expr::Const(Const::Bool(false))),
                "None" => Ok(Expr::Const(Const::None)),
                k if KEYWORDS.contains(&k) => Err(ParseError {
                    col,
                    msg: format!("unexpected keyword '{k}'"),
                }),
                _ => Ok(Expr::Name(n)),
            },
            Tok::Op("(") => {
                if self.eat_op(")") {
                    return Ok(Expr::Tuple(vec![]));
                }
                let first = self.expr()?;
                if self.eat_op(")") {
                    return Ok(first);
                }
                let mut items = vec![first];
                while self.eat_op(",") {
                    if self.is_op(")") {
                        break;
                    }
                    items.push(self.expr()?);
                }
                self.expect_op(")")?;
                Ok(Expr::Tuple(items))
            }
            Tok::Op("[") => {
                let mut items = Vec::new();
                if self.eat_op("]") {
                    return Ok(Expr::List(items));
                }
                if self.eat_op("*") {
                    items.push(Arg::Star(self.expr()?));
                } else {
                    let first = self.expr()?;
                    if self.is_kw("for") {
                        let comp = self.comprehension_tail(first)?;
                        self.expect_op("]")?;
                        return Ok(comp);
                    }
                    items.push(Arg::Pos(first));
                }
                while self.eat_op(",") {
                    if self.is_op("]") {
                        break;
                    }
                    if self.eat_op("*") {
                        items.push(Arg::Star(self.expr()?));
                    } else {
                        items.push(Arg::Pos(self.expr()?));
                    }
                }
                self.expect_op("]")?;
                Ok(Expr::List(items))
            }
            Tok::End => Err(ParseError {
                col,
                msg: "unexpected end of text".into(),
            }),
            t => Err(ParseError {
                col,
                msg: format!("unexpected {}", describe(&t)),
            }),
        }
    }
}

fn describe(t: &Tok) -> String {
    match t {
        Tok::Op(o) => format!("'{o}'"),
        Tok::Name(n) => format!("'{n}'"),
        Tok::Str(_) => "string".into(),
        Tok::Int(_) | Tok::Float(_) => "number".into(),
        Tok::End => "end of text".into(),
    }
}

/// Parse one expression; the whole text must be consumed.
pub fn parse_expr(src: &str) -> Result<Expr, ParseError> {
    let mut p = Parser {
        toks: lex(src)?,
        pos: 0,
    };
    let e = p.expr()?;
    if *p.peek() != Tok::End {
        return p.err(format!(
            "unexpected {} after the expression",
            describe(p.peek())
        ));
    }
    Ok(e)
}

/// Parse a simple statement: an expression, an assignment, `return`, `raise` or `pass`.
pub fn parse_simple_stmt(src: &str) -> Result<Stmt, ParseError> {
    let mut p = Parser {
        toks: lex(src)?,
        pos: 0,
    };
    let stmt = if p.eat_kw("pass") {
        Stmt::Pass
    } else if p.eat_kw("return") {
        if *p.peek() == Tok::End {
            Stmt::Return(None)
        } else {
            Stmt::Return(Some(p.tuple_or_expr()?))
        }
    } else if p.eat_kw("raise") {
        if *p.peek() == Tok::End {
            Stmt::Raise(None)
        } else {
            Stmt::Raise(Some(p.expr()?))
        }
    } else if let Some(targets) = p.assignment_targets() {
        Stmt::Assign(targets, p.tuple_or_expr()?)
    } else {
        Stmt::Expr(p.expr()?)
    };
    if *p.peek() != Tok::End {
        return p.err(format!(
            "unexpected {} after the statement",
            describe(p.peek())
        ));
    }
    Ok(stmt)
}

impl Parser {
    /// `a = ` or `a, b = `: consumes the targets and '=' if the statement is an assignment.
    fn assignment_targets(&mut self) -> Option<Vec<String>> {
        let save = self.pos;
        let mut names = Vec::new();
        loop {
            match self.peek().clone() {
                Tok::Name(n) if !KEYWORDS.contains(&n.as_str()) => {
                    self.bump();
                    names.push(n);
                }
                _ => break,
            }
            if !self.eat_op(",") {
                break;
            }
        }
        if !names.is_empty() && self.eat_op("=") {
            Some(names)
        } else {
            self.pos = save;
            None
        }
    }
    fn tuple_or_expr(&mut self) -> PResult<Expr> {
        let first = self.expr()?;
        if !self.is_op(",") {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            if *self.peek() == Tok::End {
                break;
            }
            items.push(self.expr()?);
        }
        Ok(Expr::Tuple(items))
    }
}

/// Parse the text of an `except` clause type: a name, a dotted name or a tuple of them.
pub fn parse_target_name(src: &str) -> Result<String, ParseError> {
    let mut p = Parser {
        toks: lex(src)?,
        pos: 0,
    };
    let n = p.ident()?;
    if *p.peek() != Tok::End {
        return p.err("expected a single name");
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_gather_with_star_and_kwargs() {
        let e = parse_expr("await asyncio.gather(*coros, return_exceptions=True)")
            .unwrap_or_else(|e| panic!("{}", e.msg));
        let Expr::Await(inner) = e else {
            panic!("not await")
        };
        let Expr::Call { args, kwargs, .. } = *inner else {
            panic!("not call")
        };
        assert!(matches!(args[0], Arg::Star(_)));
        assert_eq!(kwargs[0].0, "return_exceptions");
    }

    #[test]
    fn parses_tuple_assignment() {
        let s = parse_simple_stmt("done, pending = await asyncio.wait(ts)")
            .ok()
            .unwrap();
        assert!(matches!(s, Stmt::Assign(ref t, _) if t == &["done", "pending"]));
    }

    #[test]
    fn precedence_of_mod_and_eq() {
        let e = parse_expr("i % 2 == 0").ok().unwrap();
        assert!(matches!(e, Expr::Compare(CmpOp::Eq, _, _)));
    }

    #[test]
    fn reports_column_of_error() {
        let err = parse_expr("print(1,, 2)").err().unwrap();
        assert_eq!(err.col, 9);
    }
}
