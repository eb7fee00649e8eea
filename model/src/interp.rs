//! Frames of user coroutines and the bytecode loop that runs them until they yield,
//! return or raise: CPython's `coro.send()` / `coro.throw()` for `async def` functions.

use std::rc::Rc;

use crate::compile::{Global, Instr};
use crate::coro::{AwaitOutcome, Resume, Step};
use crate::exceptions::ExcClass;
use crate::rt::*;
use crate::value::*;

#[derive(Clone, Copy, Debug)]
pub enum BlockKind {
    Except,
    Finally,
}

#[derive(Clone, Copy, Debug)]
pub struct Block {
    pub kind: BlockKind,
    pub handler: usize,
    pub depth: usize,
    pub handling: usize,
}

#[derive(Debug)]
pub struct Frame {
    pub code: usize,
    pub pc: usize,
    pub locals: Vec<Option<Value>>,
    pub stack: Vec<Value>,
    pub blocks: Vec<Block>,
    /// Exceptions being handled (for a bare `raise`).
    pub handling: Vec<ExcId>,
}

/// An iterator in progress (the value `for` keeps on the stack).
#[derive(Debug)]
pub struct IterState {
    pub items: Vec<Value>,
    pub pos: usize,
}

impl Frame {
    pub fn new(code: usize, nlocals: usize, args: Vec<Value>) -> Frame {
        let mut locals: Vec<Option<Value>> = vec![None; nlocals];
        for (i, a) in args.into_iter().enumerate() {
            locals[i] = Some(a);
        }
        Frame {
            code,
            pc: 0,
            locals,
            stack: Vec::new(),
            blocks: Vec::new(),
            handling: Vec::new(),
        }
    }
}

impl Runtime<'_> {
    /// Resume a user frame: `input` is the value its pending `await` evaluates to, or the
    /// exception to raise there.
    pub fn frame_resume(&mut self, c: CoroId, frame: &mut Frame, input: Resume) -> Step {
        // The first send into a fresh frame carries None and is not the value of an await.
        let mut pending_exc: Option<ExcId> = None;
        match input {
            Resume::Send(v) => {
                if frame.pc > 0 {
                    frame.stack.push(v);
                }
            }
            Resume::Throw(e) => pending_exc = Some(e),
        }
        let prog = self.prog;
        let code = &prog.codes[frame.code];
        loop {
            if let Some(e) = pending_exc.take() {
                match self.unwind(frame, e) {
                    Some(step) => return step,
                    None => continue,
                }
            }
            if !self.tick() {
                return Step::Return(Value::None);
            }
            let instr = &code.instrs[frame.pc];
            frame.pc += 1;
            let r: Result<(), ExcId> = match instr {
                Instr::Const(v) => {
                    frame.stack.push(v.clone());
                    Ok(())
                }
                Instr::Load(i) => match &frame.locals[*i] {
                    Some(v) => {
                        frame.stack.push(v.clone());
                        Ok(())
                    }
                    None => {
                        let name = &code.local_names[*i];
                        Err(self.new_exc_msg(
                            ExcClass::NameError,
                            &format!("cannot access local variable '{name}' where it is not associated with a value"),
                        ))
                    }
                },
                Instr::Store(i) => {
                    frame.locals[*i] = frame.stack.pop();
                    Ok(())
                }
                Instr::Global(g) => {
                    let v = match g {
                        Global::CoroFn(i) => Value::CoroFn(*i),
                        Global::Builtin(b) => Value::Builtin(*b),
                        Global::Asyncio => Value::Asyncio,
                        Global::ExcClass(name) => Value::ExcClass(
                            ExcClass::from_name(name, self.v).expect("validated class name"),
                        ),
                    };
                    frame.stack.push(v);
                    Ok(())
                }
                Instr::Pop => {
                    frame.stack.pop();
                    Ok(())
                }
                Instr::Dup => {
                    let v = frame.stack.last().expect("dup on empty stack").clone();
                    frame.stack.push(v);
                    Ok(())
                }
                Instr::Attr(name) => {
                    let obj = frame.stack.pop().expect("attr operand");
                    self.get_attr(&obj, name).map(|v| frame.stack.push(v))
                }
                Instr::Subscript => {
                    let idx = frame.stack.pop().expect("index");
                    let obj = frame.stack.pop().expect("object");
                    self.subscript(&obj, &idx).map(|v| frame.stack.push(v))
                }
                Instr::NewList => {
                    frame.stack.push(Value::List(Rc::new(Vec::new())));
                    Ok(())
                }
                Instr::ListAppend(depth) => {
                    let v = frame.stack.pop().expect("item");
                    let n = frame.stack.len();
                    if let Value::List(l) = &mut frame.stack[n - *depth] {
                        Rc::make_mut(l).push(v);
                    }
                    Ok(())
                }
                Instr::ListExtend => {
                    let it = frame.stack.pop().expect("iterable");
                    match self.iterate(&it) {
                        Ok(items) => {
                            if let Some(Value::List(l)) = frame.stack.last_mut() {
                                Rc::make_mut(l).extend(items);
                            }
                            Ok(())
                        }
                        Err(e) => Err(e),
                    }
                }
                Instr::Call(kwnames) => {
                    let nkw = kwnames.len();
                    let kwvals = frame.stack.split_off(frame.stack.len() - nkw);
                    let args = match frame.stack.pop() {
                        Some(Value::List(l)) => Rc::try_unwrap(l).unwrap_or_else(|l| (*l).clone()),
                        _ => unreachable!("call without an argument list"),
                    };
                    let callee = frame.stack.pop().expect("callee");
                    let kwargs: Vec<(Rc<str>, Value)> =
                        kwnames.iter().cloned().zip(kwvals).collect();
                    self.call(&callee, args, kwargs)
                        .map(|v| frame.stack.push(v))
                }
                Instr::BuildTuple(n) => {
                    let items = frame.stack.split_off(frame.stack.len() - n);
                    frame.stack.push(Value::Tuple(Rc::new(items)));
                    Ok(())
                }
                Instr::Unpack(n) => {
                    let v = frame.stack.pop().expect("unpack operand");
                    match self.iterate(&v) {
                        Ok(items) if items.len() == *n => {
                            frame.stack.extend(items.into_iter().rev());
                            Ok(())
                        }
                        Ok(items) => {
                            let msg = if items.len() > *n {
                                format!("too many values to unpack (expected {n})")
                            } else {
                                format!(
                                    "not enough values to unpack (expected {n}, got {})",
                                    items.len()
                                )
                            };
                            Err(self.new_exc_msg(ExcClass::ValueError, &msg))
                        }
                        Err(e) => Err(e),
                    }
                }
                Instr::Neg => {
                    let v = frame.stack.pop().expect("operand");
                    self.neg(&v).map(|v| frame.stack.push(v))
                }
                Instr::Not => {
                    let v = frame.stack.pop().expect("operand");
                    frame.stack.push(Value::Bool(!self.truthy(&v)));
                    Ok(())
                }
                Instr::Binary(op) => {
                    let b = frame.stack.pop().expect("rhs");
                    let a = frame.stack.pop().expect("lhs");
                    self.binary(*op, &a, &b).map(|v| frame.stack.push(v))
                }
                Instr::Compare(op) => {
                    let b = frame.stack.pop().expect("rhs");
                    let a = frame.stack.pop().expect("lhs");
                    self.compare(*op, &a, &b)
                        .map(|v| frame.stack.push(Value::Bool(v)))
                }
                Instr::Jump(t) => {
                    frame.pc = *t;
                    Ok(())
                }
                Instr::JumpIfFalse(t) => {
                    let v = frame.stack.pop().expect("condition");
                    if !self.truthy(&v) {
                        frame.pc = *t;
                    }
                    Ok(())
                }
                Instr::JumpIfFalseKeep(t) => {
                    let v = frame.stack.last().expect("condition").clone();
                    if !self.truthy(&v) {
                        frame.pc = *t;
                    } else {
                        frame.stack.pop();
                    }
                    Ok(())
                }
                Instr::JumpIfTrueKeep(t) => {
                    let v = frame.stack.last().expect("condition").clone();
                    if self.truthy(&v) {
                        frame.pc = *t;
                    } else {
                        frame.stack.pop();
                    }
                    Ok(())
                }
                Instr::GetIter => {
                    let v = frame.stack.pop().expect("iterable");
                    match self.iterate(&v) {
                        Ok(items) => {
                            let id = self.new_iter(items);
                            frame.stack.push(Value::Int(id as i64));
                            Ok(())
                        }
                        Err(e) => Err(e),
                    }
                }
                Instr::ForIter(t) => {
                    let Some(Value::Int(id)) = frame.stack.last() else {
                        unreachable!("ForIter without an iterator")
                    };
                    match self.iter_next(*id as usize) {
                        Some(v) => frame.stack.push(v),
                        None => {
                            frame.stack.pop();
                            frame.pc = *t;
                        }
                    }
                    Ok(())
                }
                Instr::Await => {
                    let v = frame.stack.pop().expect("awaitable");
                    match self.await_value(c, v) {
                        AwaitOutcome::Ready(Resume::Send(v)) => {
                            frame.stack.push(v);
                            Ok(())
                        }
                        AwaitOutcome::Ready(Resume::Throw(e)) => Err(e),
                        AwaitOutcome::Suspend(y) => return Step::Yield(y),
                    }
                }
                Instr::Return => {
                    let v = frame.stack.pop().expect("return value");
                    return Step::Return(v);
                }
                Instr::Raise => {
                    let v = frame.stack.pop().expect("raise operand");
                    Err(self.make_raisable(v))
                }
                Instr::Reraise => {
                    match frame.handling.last() {
                        Some(&e) => Err(e),
                        None => Err(self
                            .new_exc_msg(ExcClass::RuntimeError, "No active exception to reraise")),
                    }
                }
                Instr::ReraiseTop => match frame.stack.pop() {
                    Some(Value::Exc(e)) => Err(e),
                    other => unreachable!("ReraiseTop on {other:?}"),
                },
                Instr::SetupExcept(h) | Instr::SetupFinally(h) => {
                    let kind = if matches!(instr, Instr::SetupExcept(_)) {
                        BlockKind::Except
                    } else {
                        BlockKind::Finally
                    };
                    frame.blocks.push(Block {
                        kind,
                        handler: *h,
                        depth: frame.stack.len(),
                        handling: frame.handling.len(),
                    });
                    Ok(())
                }
                Instr::PopBlock => {
                    frame.blocks.pop();
                    Ok(())
                }
                Instr::ExcMatch => {
                    let types = frame.stack.pop().expect("types");
                    let Some(Value::Exc(e)) = frame.stack.last() else {
                        unreachable!("ExcMatch without an exception")
                    };
                    let e = *e;
                    self.exc_matches(e, &types)
                        .map(|b| frame.stack.push(Value::Bool(b)))
                }
                Instr::PopExcept => {
                    frame.handling.pop();
                    Ok(())
                }
            };
            if let Err(e) = r {
                pending_exc = Some(e);
            }
        }
    }

    /// Raise `e` at the current point: jump to the innermost handler, or leave the frame.
    fn unwind(&mut self, frame: &mut Frame, e: ExcId) -> Option<Step> {
        match frame.blocks.pop() {
            None => Some(Step::Raise(e)),
            Some(b) => {
                frame.stack.truncate(b.depth);
                frame.handling.truncate(b.handling);
                frame.stack.push(Value::Exc(e));
                if let BlockKind::Except = b.kind {
                    frame.handling.push(e);
                }
                frame.pc = b.handler;
                None
            }
        }
    }

    /// The exception instance `raise v` raises (a class is instantiated).
    pub fn make_raisable(&mut self, v: Value) -> ExcId {
        match v {
            Value::Exc(e) => e,
            Value::ExcClass(c) => self.new_exc(c, vec![]),
            _ => self.new_exc_msg(
                ExcClass::TypeError,
                "exceptions must derive from BaseException",
            ),
        }
    }

    fn exc_matches(&mut self, e: ExcId, types: &Value) -> Result<bool, ExcId> {
        match types {
            Value::ExcClass(c) => Ok(self.exc_is(e, *c)),
            Value::Tuple(items) => {
                for t in items.iter() {
                    if self.exc_matches(e, t)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => Err(self.new_exc_msg(
                ExcClass::TypeError,
                "catching classes that do not inherit from BaseException is not allowed",
            )),
        }
    }
}
