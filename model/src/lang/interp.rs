//! The bytecode loop: a frame runs until it returns, raises, or (for a coroutine or
//! generator) yields. CPython's `ceval.c`, for the instructions in `code.rs`.
//!
//! Every Python frame counts against the recursion limit (SPEC M2); exceptions gain a
//! traceback entry as they leave each frame, except on a bare re-raise, as in CPython.

use std::cell::RefCell;
use std::rc::Rc;

use super::code::*;
use super::exceptions::E;
use super::gen::{AwaitOutcome, Resume, Step};
use super::object::{Args, Module, Namespace};
use super::traceback::TbEntry;
use super::value::{Cell, CoroId, Exc, PyResult, Value};
use crate::runtime::Runtime;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Except,
    Finally,
    With,
}

#[derive(Clone, Copy, Debug)]
pub struct Block {
    pub kind: BlockKind,
    pub handler: u32,
    pub depth: usize,
    pub handling: usize,
}

#[derive(Debug)]
pub struct Frame {
    pub code: Rc<Code>,
    pub pc: u32,
    /// The instruction executing (or suspended at), for tracebacks and reprs.
    pub lasti: u32,
    pub stack: Vec<Value>,
    pub fast: Vec<Option<Value>>,
    pub cells: Vec<Cell>,
    pub globals: Rc<Module>,
    /// A class body's namespace (module frames use `globals`).
    pub locals: Option<Rc<RefCell<Namespace>>>,
    pub blocks: Vec<Block>,
    /// Exceptions being handled (innermost last): for a bare `raise` and `__context__`.
    pub handling: Vec<Exc>,
    /// True until the first instruction runs (the first send carries no value).
    pub fresh: bool,
}

impl Frame {
    pub fn new(code: Rc<Code>, globals: Rc<Module>) -> Frame {
        let nlocals = code.varnames.len();
        let ncells = code.ncells();
        Frame {
            fast: vec![None; nlocals],
            cells: (0..ncells).map(|_| Rc::new(RefCell::new(None))).collect(),
            code,
            pc: 0,
            lasti: 0,
            stack: Vec::new(),
            globals,
            locals: None,
            blocks: Vec::new(),
            handling: Vec::new(),
            fresh: true,
        }
    }

    /// The line the frame is at (1-based).
    pub fn line(&self) -> u32 {
        self.code.line_of(self.lasti)
    }
}

/// What an instruction asks the loop to do besides continuing.
enum Flow {
    Continue,
    Return(Value),
    Yield(Value),
}

impl Runtime<'_> {
    /// Run a plain function's frame to completion.
    pub fn run_frame(&mut self, mut f: Frame) -> PyResult {
        match self.exec(&mut f, None, Resume::Send(Value::None)) {
            Step::Return(v) => Ok(v),
            Step::Raise(e) => Err(e),
            Step::Yield(_) => unreachable!("a plain function cannot yield"),
        }
    }

    /// Resume a coroutine's or generator's frame.
    pub fn resume_frame(&mut self, c: CoroId, f: &mut Frame, input: Resume) -> Step {
        self.exec(f, Some(c), input)
    }

    /// Enter a frame: the recursion limit (SPEC M2) and the grown stack that lets the limit,
    /// not the Rust stack, decide how deep a program may go.
    fn exec(&mut self, f: &mut Frame, coro: Option<CoroId>, input: Resume) -> Step {
        // 3.12+ run list, set and dict comprehensions inline (PEP 709): no frame of their own.
        let inlined = f.code.kind == CodeKind::Comprehension && self.v.minor() >= 12;
        if inlined {
            self.depth -= 1;
        }
        if let Err(e) = self.enter_frame() {
            if inlined {
                self.depth += 1;
            }
            return Step::Raise(e);
        }
        self.exc_chain.push(f.handling.last().cloned());
        let step = stacker::maybe_grow(64 * 1024, 4 * 1024 * 1024, || {
            self.exec_loop(f, coro, input)
        });
        self.exc_chain.pop();
        self.leave_frame();
        if inlined {
            self.depth += 1;
        }
        step
    }

    /// The last frame the recursion limit allows, on 3.7-3.11: there CPython's C code counts
    /// against the same limit (`Py_EnterRecursiveCall` in rich comparison, in calls of C
    /// functions, in `str()` and `repr()`, ...), so an instruction that enters such code
    /// raises RecursionError where a model that counted only frames would not (SPEC M2).
    /// Comparisons on 3.7-3.10 are modelled (" in comparison"); the rest, whose exact rules
    /// vary with the version and 3.11's specialising interpreter, are refused. From 3.12 C
    /// recursion has its own counter and only Python frames count.
    fn c_level_check(&mut self, f: &Frame, instr: &Instr) -> Result<(), Exc> {
        let top = |k: usize| f.stack.get(f.stack.len().wrapping_sub(k + 1));
        let risky = match instr {
            Instr::Compare(_) if self.v.minor() <= 10 => {
                let e = self.new_exc_msg(
                    E::RecursionError,
                    "maximum recursion depth exceeded in comparison",
                );
                self.set_context(&e);
                return Err(e);
            }
            Instr::Compare(_) | Instr::ContainsOp(_) | Instr::FormatValue(..) => true,
            Instr::Call(n) => !matches!(top(*n as usize), Some(Value::Function(_))),
            Instr::CallKw(n, names) => {
                !matches!(top(*n as usize + names.len()), Some(Value::Function(_)))
            }
            Instr::CallEx(kw) => !matches!(top(1 + *kw as usize), Some(Value::Function(_))),
            Instr::Binary(_) | Instr::Inplace(_) => {
                matches!(top(0), Some(Value::Instance(_)))
                    || matches!(top(1), Some(Value::Instance(_)))
            }
            Instr::Unary(_) => matches!(top(0), Some(Value::Instance(_))),
            _ => false,
        };
        if risky {
            Err(self.refuse(
                "an operation at the recursion limit on Python 3.7-3.11 (CPython's C code counts against the limit there, and the exact point it raises is not modelled)",
            ))
        } else {
            Ok(())
        }
    }

    /// One more Python frame: RecursionError past the limit.
    pub fn enter_frame(&mut self) -> Result<(), Exc> {
        if self.depth >= self.config.recursion_limit {
            if self.eager_steps > 0 {
                // SPEC ET1: the frames below an eager step are plain CPython's; the oracle's
                // loop adds one to each create_task, so the depth reached differs.
                return Err(self.refuse(
                    "RecursionError inside an eager task's first step (the oracle's create_task adds a frame to each, so the depth reached is not plain CPython's)",
                ));
            }
            let e = self.new_exc_msg(E::RecursionError, "maximum recursion depth exceeded");
            self.set_context(&e);
            return Err(e);
        }
        self.depth += 1;
        Ok(())
    }

    pub fn leave_frame(&mut self) {
        self.depth -= 1;
    }

    fn sync_chain(&mut self, f: &Frame) {
        if let Some(top) = self.exc_chain.last_mut() {
            *top = f.handling.last().cloned();
        }
    }

    /// The exception being handled by the innermost frame that handles one (`sys.exc_info`).
    pub fn handled_exception(&self) -> Option<Exc> {
        self.exc_chain.iter().rev().find_map(|e| e.clone())
    }

    /// Give a newly raised exception its `__context__`: the exception being handled, with
    /// CPython's cycle breaking (`_PyErr_SetObject`).
    pub fn set_context(&mut self, e: &Exc) {
        let Some(h) = self.handled_exception() else {
            return;
        };
        Self::chain_context(e, h);
    }

    /// `e.__context__ = h`, as `_PyErr_SetObject` chains: nothing if they are one object, and
    /// a chain that already leads from `h` back to `e` is cut there (no cycle).
    pub fn chain_context(e: &Exc, h: Exc) {
        if Rc::ptr_eq(&h, e) {
            return;
        }
        // Avoid a cycle: if `e` is in the chain of `h`, cut the chain there.
        let mut o = h.clone();
        loop {
            let next = o.exc().context.clone();
            match next {
                Some(c) if Rc::ptr_eq(&c, e) => {
                    o.exc_mut().context = None;
                    break;
                }
                Some(c) => o = c,
                None => break,
            }
        }
        e.exc_mut().context = Some(h);
    }

    fn exec_loop(&mut self, f: &mut Frame, coro: Option<CoroId>, input: Resume) -> Step {
        let code = f.code.clone();
        let mut pending: Option<(Exc, bool)> = None;
        match input {
            Resume::Send(v) => {
                if !f.fresh {
                    f.stack.push(v);
                }
            }
            Resume::Throw(e) => pending = Some((e, true)),
        }
        f.fresh = false;
        loop {
            if let Some((e, add_tb)) = pending.take() {
                if add_tb {
                    e.exc_mut().traceback.push(TbEntry::frame(&code, f.lasti));
                }
                match self.unwind(f, e) {
                    Some(step) => return step,
                    None => continue,
                }
            }
            if !self.tick() {
                return Step::Raise(self.refusal_exc());
            }
            let pc = f.pc as usize;
            f.lasti = f.pc;
            f.pc += 1;
            self.place = Some((code.source.clone(), code.spans[pc].start));
            if !code.source.is_model_own {
                self.program_place = self.place.clone();
            }
            if self.depth >= self.config.recursion_limit && self.v.minor() <= 11 {
                if let Err(e) = self.c_level_check(f, &code.instrs[pc]) {
                    pending = Some((e, true));
                    continue;
                }
            }
            match self.step(f, coro, &code.instrs[pc]) {
                Ok(Flow::Continue) => {}
                Ok(Flow::Return(v)) => return Step::Return(v),
                Ok(Flow::Yield(v)) => return Step::Yield(v),
                Err(Raised::New(e)) => pending = Some((e, true)),
                Err(Raised::Reraise(e)) => pending = Some((e, false)),
            }
            if self.error.is_some() {
                return Step::Raise(self.refusal_exc());
            }
        }
    }

    /// The exception a refused run unwinds with (the run's result is the refusal).
    pub fn refusal_exc(&mut self) -> Exc {
        self.new_exc_msg(E::SystemError, "refused by the model")
    }

    /// Raise `e` at the current point: jump to the innermost handler, or leave the frame.
    fn unwind(&mut self, f: &mut Frame, e: Exc) -> Option<Step> {
        if self.error.is_some() {
            return Some(Step::Raise(e));
        }
        match f.blocks.pop() {
            None => Some(Step::Raise(e)),
            Some(b) => {
                f.stack.truncate(b.depth);
                f.handling.truncate(b.handling);
                f.stack.push(Value::Instance(e.clone()));
                f.handling.push(e);
                self.sync_chain(f);
                f.pc = b.handler;
                None
            }
        }
    }

    fn pop(f: &mut Frame) -> Value {
        f.stack.pop().expect("stack underflow")
    }

    fn top(f: &Frame) -> &Value {
        f.stack.last().expect("stack underflow")
    }

    fn load_cell(&mut self, f: &Frame, i: u32) -> Result<Value, Raised> {
        match f.cells[i as usize].borrow().clone() {
            Some(v) => Ok(v),
            None => {
                let name = f.code.cell_name(i).clone();
                let is_free = (i as usize) >= f.code.cellvars.len();
                Err(Raised::New(self.unbound_error(&name, is_free)))
            }
        }
    }

    fn unbound_error(&mut self, name: &str, free: bool) -> Exc {
        let v = self.v.minor();
        if free {
            let msg = if v >= 11 {
                format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope")
            } else {
                format!("free variable '{name}' referenced before assignment in enclosing scope")
            };
            self.err(E::NameError, &msg)
        } else {
            let msg = if v >= 11 {
                format!(
                    "cannot access local variable '{name}' where it is not associated with a value"
                )
            } else {
                format!("local variable '{name}' referenced before assignment")
            };
            self.err(E::UnboundLocalError, &msg)
        }
    }

    fn name_error(&mut self, f: &Frame, name: &str) -> Exc {
        let e = self.err(E::NameError, &format!("name '{name}' is not defined"));
        e.dict
            .borrow_mut()
            .insert(Rc::from("name"), Value::str(name));
        let minor = self.v.minor();
        if minor >= 10 {
            let display = self.name_error_hint(f, name, true);
            e.exc_mut().hint = display;
            if minor >= 12 {
                let tb = self.name_error_hint(f, name, false);
                e.exc_mut().hint_tb = tb;
            }
        }
        e
    }

    /// The "Did you mean" of a NameError raised in frame `f` (3.10+), computed from the
    /// names the frame sees now, as CPython computes it from the frame when it prints.
    /// `display`: the interpreter's C display of an uncaught exception (3.10-3.12), which
    /// scans co_varnames, globals and builtins one list at a time; otherwise (3.12's
    /// `traceback` module, and every display from 3.13) one list of f_locals, f_globals
    /// and f_builtins.
    fn name_error_hint(&mut self, f: &Frame, name: &str, display: bool) -> Option<String> {
        use super::suggestions::{builtin_names, closest, Algo};
        let minor = self.v.minor();
        let globals = module_keys(&f.globals);
        let builtins = builtin_names(minor);
        let self_value = match (&f.locals, f.code.kind) {
            (None, super::code::CodeKind::Module) | (Some(_), _) => None,
            _ => f
                .code
                .varnames
                .iter()
                .position(|n| &**n == "self")
                .and_then(|i| f.fast[i].clone()),
        };
        // 3.12+: inside a method whose instance has the attribute, suggest `self.name`.
        if minor >= 12 {
            if let Some(Value::Instance(i)) = &self_value {
                if i.class.lookup("__getattr__").is_some()
                    || i.class.lookup("__getattribute__").is_some()
                {
                    return Some(
                        self.refuse_hint("a NameError in a method of a class with __getattr__"),
                    );
                }
                if i.dict.borrow().contains_key(name) || i.class.lookup(name).is_some() {
                    return Some(format!("self.{name}"));
                }
            }
        }
        if display && minor <= 12 {
            let varnames: Vec<String> = f.code.varnames.iter().map(|s| s.to_string()).collect();
            return closest(varnames.iter().map(|s| s.as_str()), name, Algo::C)
                .or_else(|| closest(globals.iter().map(|s| s.as_str()), name, Algo::C))
                .or_else(|| closest(builtins.iter().copied(), name, Algo::C));
        }
        let locals: Vec<String> = match (&f.locals, f.code.kind) {
            (Some(l), _) => l.borrow().keys().map(|k| k.to_string()).collect(),
            (None, super::code::CodeKind::Module) => globals.clone(),
            (None, _) => {
                let mut v: Vec<String> = f
                    .code
                    .varnames
                    .iter()
                    .zip(&f.fast)
                    .filter(|(_, x)| x.is_some())
                    .map(|(n, _)| n.to_string())
                    .collect();
                for (i, cell) in f.cells.iter().enumerate() {
                    let n = f.code.cell_name(i as u32);
                    if cell.borrow().is_some() && !v.iter().any(|x| **x == **n) {
                        v.push(n.to_string());
                    }
                }
                v
            }
        };
        let all: Vec<&str> = locals
            .iter()
            .map(|s| s.as_str())
            .chain(globals.iter().map(|s| s.as_str()))
            .chain(builtins.iter().copied())
            .collect();
        closest(all.into_iter(), name, Algo::of(minor, display))
    }

    /// Refuse from inside a hint computation (the hint itself is never shown).
    fn refuse_hint(&mut self, what: &str) -> String {
        self.refuse(what);
        String::new()
    }

    fn load_global(&mut self, f: &Frame, name: &Rc<str>) -> Result<Value, Raised> {
        if let Some(v) = f.globals.get(name) {
            return Ok(v);
        }
        if let Some(v) = self.builtins.get(name) {
            return Ok(v);
        }
        Err(Raised::New(self.name_error(f, name)))
    }

    /// One instruction.
    fn step(&mut self, f: &mut Frame, coro: Option<CoroId>, instr: &Instr) -> Result<Flow, Raised> {
        match instr {
            Instr::Nop => {}
            Instr::Const(v) => f.stack.push(v.clone()),
            Instr::Pop => {
                Self::pop(f);
            }
            Instr::Dup => {
                let v = Self::top(f).clone();
                f.stack.push(v);
            }
            Instr::Dup2 => {
                let n = f.stack.len();
                let a = f.stack[n - 2].clone();
                let b = f.stack[n - 1].clone();
                f.stack.push(a);
                f.stack.push(b);
            }
            Instr::Rot2 => {
                let n = f.stack.len();
                f.stack.swap(n - 1, n - 2);
            }
            Instr::Rot3 => {
                let v = Self::pop(f);
                let n = f.stack.len();
                f.stack.insert(n - 2, v);
            }
            Instr::Rot4 => {
                let v = Self::pop(f);
                let n = f.stack.len();
                f.stack.insert(n - 3, v);
            }
            Instr::LoadFast(i) => match &f.fast[*i as usize] {
                Some(v) => f.stack.push(v.clone()),
                None => {
                    let name = f.code.varnames[*i as usize].clone();
                    return Err(Raised::New(self.unbound_error(&name, false)));
                }
            },
            Instr::StoreFast(i) => {
                let v = Self::pop(f);
                f.fast[*i as usize] = Some(v);
            }
            Instr::DeleteFast(i) => {
                if f.fast[*i as usize].take().is_none() {
                    let name = f.code.varnames[*i as usize].clone();
                    return Err(Raised::New(self.unbound_error(&name, false)));
                }
            }
            Instr::LoadDeref(i) => {
                let v = self.load_cell(f, *i)?;
                f.stack.push(v);
            }
            Instr::StoreDeref(i) => {
                let v = Self::pop(f);
                *f.cells[*i as usize].borrow_mut() = Some(v);
            }
            Instr::DeleteDeref(i) => {
                if f.cells[*i as usize].borrow_mut().take().is_none() {
                    let name = f.code.cell_name(*i).clone();
                    let free = (*i as usize) >= f.code.cellvars.len();
                    return Err(Raised::New(self.unbound_error(&name, free)));
                }
            }
            Instr::LoadClosure(i) => f.stack.push(Value::Cell(f.cells[*i as usize].clone())),
            Instr::LoadGlobal(n) => {
                let v = self.load_global(f, n)?;
                f.stack.push(v);
            }
            Instr::StoreGlobal(n) => {
                let v = Self::pop(f);
                f.globals.dict.borrow_mut().insert(n.clone(), v);
            }
            Instr::DeleteGlobal(n) => {
                if f.globals.dict.borrow_mut().shift_remove(n).is_none() {
                    return Err(Raised::New(self.name_error(f, n)));
                }
            }
            Instr::LoadName(n) => {
                if let Some(l) = &f.locals {
                    if let Some(v) = l.borrow().get(n) {
                        f.stack.push(v.clone());
                        return Ok(Flow::Continue);
                    }
                }
                let v = self.load_global(f, n)?;
                f.stack.push(v);
            }
            Instr::StoreName(n) => {
                let v = Self::pop(f);
                match &f.locals {
                    Some(l) => {
                        l.borrow_mut().insert(n.clone(), v);
                    }
                    None => {
                        f.globals.dict.borrow_mut().insert(n.clone(), v);
                    }
                }
            }
            Instr::DeleteName(n) => {
                let removed = match &f.locals {
                    Some(l) => l.borrow_mut().shift_remove(n).is_some(),
                    None => f.globals.dict.borrow_mut().shift_remove(n).is_some(),
                };
                if !removed {
                    return Err(Raised::New(self.name_error(f, n)));
                }
            }
            Instr::LoadClassDeref(i, n) => {
                if let Some(l) = &f.locals {
                    if let Some(v) = l.borrow().get(n) {
                        f.stack.push(v.clone());
                        return Ok(Flow::Continue);
                    }
                }
                let v = self.load_cell(f, *i)?;
                f.stack.push(v);
            }
            Instr::LoadAttr(n) => {
                let o = Self::pop(f);
                let v = self.getattr(&o, n)?;
                f.stack.push(v);
            }
            Instr::StoreAttr(n) => {
                let o = Self::pop(f);
                let v = Self::pop(f);
                self.setattr(&o, n, v)?;
            }
            Instr::DeleteAttr(n) => {
                let o = Self::pop(f);
                self.delattr(&o, n)?;
            }
            Instr::Subscript => {
                let i = Self::pop(f);
                let o = Self::pop(f);
                let v = self.getitem(&o, &i)?;
                f.stack.push(v);
            }
            Instr::StoreSubscr => {
                let i = Self::pop(f);
                let o = Self::pop(f);
                let v = Self::pop(f);
                self.setitem(&o, &i, v)?;
            }
            Instr::DeleteSubscr => {
                let i = Self::pop(f);
                let o = Self::pop(f);
                self.delitem(&o, &i)?;
            }
            Instr::BuildSlice(n) => {
                let step = if *n == 3 { Self::pop(f) } else { Value::None };
                let stop = Self::pop(f);
                let start = Self::pop(f);
                f.stack.push(Value::Slice(Rc::new([start, stop, step])));
            }
            Instr::BuildTuple(n) => {
                let items = f.stack.split_off(f.stack.len() - *n as usize);
                f.stack.push(Value::tuple(items));
            }
            Instr::BuildList(n) => {
                let items = f.stack.split_off(f.stack.len() - *n as usize);
                f.stack.push(Value::list(items));
            }
            Instr::BuildSet(n) => {
                let items = f.stack.split_off(f.stack.len() - *n as usize);
                let s = self.new_set(items)?;
                f.stack.push(s);
            }
            Instr::BuildMap(n) => {
                let items = f.stack.split_off(f.stack.len() - 2 * *n as usize);
                let d = self.new_dict();
                let mut it = items.into_iter();
                while let (Some(k), Some(v)) = (it.next(), it.next()) {
                    self.setitem(&d, &k, v)?;
                }
                f.stack.push(d);
            }
            Instr::BuildString(n) => {
                let items = f.stack.split_off(f.stack.len() - *n as usize);
                let mut s = String::new();
                for x in items {
                    if let Value::Str(ref p) = x {
                        s.push_str(p);
                    }
                }
                self.check_built(s.len())?;
                f.stack.push(Value::str(&s));
            }
            Instr::FormatValue(conv, has_spec) => {
                let spec = if *has_spec { Some(Self::pop(f)) } else { None };
                let v = Self::pop(f);
                let v = match conv {
                    Conversion::None => v,
                    Conversion::Str => Value::str(&self.str_of(&v)?),
                    Conversion::Repr => Value::str(&self.repr(&v)?),
                    Conversion::Ascii => Value::str(&self.ascii(&v)?),
                };
                let spec = match spec {
                    Some(Value::Str(ref s)) => s.to_string(),
                    _ => String::new(),
                };
                let s = self.format_value(&v, &spec)?;
                f.stack.push(Value::str(&s));
            }
            Instr::ListAppend(d) => {
                let v = Self::pop(f);
                let n = f.stack.len();
                if let Value::List(l) = &f.stack[n - *d as usize] {
                    let len = l.borrow().len() + 1;
                    self.check_size(len)?;
                    l.borrow_mut().push(v);
                }
            }
            Instr::SetAdd(d) => {
                let v = Self::pop(f);
                let n = f.stack.len();
                let s = f.stack[n - *d as usize].clone();
                self.set_add(&s, v)?;
            }
            Instr::MapAdd(d) => {
                let v = Self::pop(f);
                let k = Self::pop(f);
                let n = f.stack.len();
                let m = f.stack[n - *d as usize].clone();
                self.setitem(&m, &k, v)?;
            }
            Instr::ListExtend(d) => {
                let it = Self::pop(f);
                let n = f.stack.len();
                let l = f.stack[n - *d as usize].clone();
                let items = match self.iterate(&it) {
                    Ok(items) => items,
                    Err(e) => {
                        // `f(*x)` / `[*x]` with x not iterable words it per context.
                        if self.exc_is(&e, E::TypeError) && !self.is_iterable(&it) {
                            let tn = self.type_name(&it);
                            let msg = self.star_arg_message(&tn);
                            return Err(Raised::New(self.err(E::TypeError, &msg)));
                        }
                        return Err(Raised::New(e));
                    }
                };
                if let Value::List(ref l) = l {
                    let len = l.borrow().len().saturating_add(items.len());
                    self.check_size(len)?;
                    l.borrow_mut().extend(items);
                }
            }
            Instr::SetUpdate(d) => {
                let it = Self::pop(f);
                let n = f.stack.len();
                let s = f.stack[n - *d as usize].clone();
                for x in self.iterate(&it)? {
                    self.set_add(&s, x)?;
                }
            }
            Instr::DictUpdate(d) => {
                let m = Self::pop(f);
                let n = f.stack.len();
                let target = f.stack[n - *d as usize].clone();
                self.dict_update_from(&target, &m, None)?;
            }
            Instr::DictMerge(d) => {
                let m = Self::pop(f);
                let n = f.stack.len();
                let target = f.stack[n - *d as usize].clone();
                let func = f.stack[n - *d as usize - 2].clone();
                self.dict_update_from(&target, &m, Some(&func))?;
            }
            Instr::ListToTuple => {
                let l = Self::pop(f);
                let items = match &l {
                    Value::List(l) => l.borrow().clone(),
                    _ => unreachable!("ListToTuple on a list"),
                };
                f.stack.push(Value::tuple(items));
            }
            Instr::UnpackSequence(n) => {
                let v = Self::pop(f);
                let items = self.unpack(&v, *n as usize, None)?;
                f.stack.extend(items.into_iter().rev());
            }
            Instr::UnpackEx(before, after) => {
                let v = Self::pop(f);
                let items = self.unpack(&v, *before as usize, Some(*after as usize))?;
                f.stack.extend(items.into_iter().rev());
            }
            Instr::Call(n) => {
                let args = f.stack.split_off(f.stack.len() - *n as usize);
                let callee = Self::pop(f);
                let v = self.call(&callee, Args::new(args))?;
                f.stack.push(v);
            }
            Instr::CallKw(n, names) => {
                let kwvals = f.stack.split_off(f.stack.len() - names.len());
                let args = f.stack.split_off(f.stack.len() - *n as usize);
                let callee = Self::pop(f);
                let kw = names.iter().cloned().zip(kwvals).collect();
                let v = self.call(&callee, Args { pos: args, kw })?;
                f.stack.push(v);
            }
            Instr::CallEx(has_kw) => {
                let kw = if *has_kw { Some(Self::pop(f)) } else { None };
                let args = Self::pop(f);
                let callee = Self::pop(f);
                let pos = match args {
                    Value::List(ref l) => l.borrow().clone(),
                    Value::Tuple(ref t) => (**t).clone(),
                    _ => unreachable!("CallEx arguments are a list"),
                };
                let mut kwv = Vec::new();
                if let Some(Value::Dict(ref d)) = kw {
                    for (k, v) in d.borrow().items() {
                        match k {
                            Value::Str(ref s) => kwv.push((s.clone(), v)),
                            _ => {
                                return Err(Raised::New(
                                    self.err(E::TypeError, "keywords must be strings"),
                                ))
                            }
                        }
                    }
                }
                let v = self.call(&callee, Args { pos, kw: kwv })?;
                f.stack.push(v);
            }
            Instr::Unary(op) => {
                let v = Self::pop(f);
                let r = self.unary(*op, &v)?;
                f.stack.push(r);
            }
            Instr::Binary(op) => {
                let b = Self::pop(f);
                let a = Self::pop(f);
                let r = self.binary(*op, &a, &b)?;
                f.stack.push(r);
            }
            Instr::Inplace(op) => {
                let b = Self::pop(f);
                let a = Self::pop(f);
                let r = self.inplace(*op, &a, &b)?;
                f.stack.push(r);
            }
            Instr::Compare(op) => {
                let b = Self::pop(f);
                let a = Self::pop(f);
                let r = self.compare(*op, &a, &b)?;
                f.stack.push(r);
            }
            Instr::IsOp(neg) => {
                let b = Self::pop(f);
                let a = Self::pop(f);
                let same = self.is_same(&a, &b)?;
                f.stack.push(Value::Bool(same != *neg));
            }
            Instr::ContainsOp(neg) => {
                let b = Self::pop(f);
                let a = Self::pop(f);
                let found = self.contains(&b, &a)?;
                f.stack.push(Value::Bool(found != *neg));
            }
            Instr::Jump(t) => f.pc = *t,
            Instr::PopJumpIfFalse(t) => {
                let v = Self::pop(f);
                if !self.truthy(&v)? {
                    f.pc = *t;
                }
            }
            Instr::PopJumpIfTrue(t) => {
                let v = Self::pop(f);
                if self.truthy(&v)? {
                    f.pc = *t;
                }
            }
            Instr::JumpIfFalseOrPop(t) => {
                let v = Self::top(f).clone();
                if !self.truthy(&v)? {
                    f.pc = *t;
                } else {
                    Self::pop(f);
                }
            }
            Instr::JumpIfTrueOrPop(t) => {
                let v = Self::top(f).clone();
                if self.truthy(&v)? {
                    f.pc = *t;
                } else {
                    Self::pop(f);
                }
            }
            Instr::GetIter => {
                let v = Self::pop(f);
                let it = self.get_iter(&v)?;
                f.stack.push(it);
            }
            Instr::ForIter(t) => {
                let it = Self::top(f).clone();
                match self.next(&it)? {
                    Some(v) => f.stack.push(v),
                    None => {
                        Self::pop(f);
                        f.pc = *t;
                    }
                }
            }
            Instr::GetAIter => {
                let v = Self::pop(f);
                let it = self.get_aiter(&v)?;
                f.stack.push(it);
            }
            Instr::GetANext => {
                let it = Self::top(f).clone();
                let aw = self.get_anext(&it)?;
                f.stack.push(aw);
            }
            Instr::EndAsyncFor => {
                let e = Self::pop(f);
                let e = e.as_exc().expect("EndAsyncFor on an exception").clone();
                if self.exc_is(&e, E::StopAsyncIteration) {
                    f.handling.pop();
                    self.sync_chain(f);
                    Self::pop(f);
                } else {
                    return Err(Raised::Reraise(e));
                }
            }
            Instr::Await | Instr::YieldFrom => {
                let v = Self::pop(f);
                let c = coro.expect("await outside a coroutine frame");
                match self.await_value(c, v, matches!(instr, Instr::Await)) {
                    AwaitOutcome::Ready(Resume::Send(v)) => f.stack.push(v),
                    AwaitOutcome::Ready(Resume::Throw(e)) => return Err(Raised::New(e)),
                    AwaitOutcome::Suspend(y) => return Ok(Flow::Yield(y)),
                }
            }
            Instr::Yield => {
                let v = Self::pop(f);
                if let Value::Future(fut) = v {
                    // A Task stepping this generator did not get the Future from
                    // `Future.__iter__` (`_asyncio_future_blocking` is False).
                    self.bare_yielded_future = Some(fut);
                }
                return Ok(Flow::Yield(v));
            }
            Instr::Return => {
                let v = Self::pop(f);
                return Ok(Flow::Return(v));
            }
            Instr::Raise(n) => return Err(self.do_raise(f, *n)),
            Instr::Reraise => {
                let v = Self::pop(f);
                let e = v.as_exc().expect("Reraise on an exception").clone();
                return Err(Raised::Reraise(e));
            }
            Instr::SetupExcept(h) | Instr::SetupFinally(h) | Instr::SetupWith(h) => {
                let (kind, depth) = match instr {
                    Instr::SetupExcept(_) => (BlockKind::Except, f.stack.len()),
                    Instr::SetupFinally(_) => (BlockKind::Finally, f.stack.len()),
                    // The result of __enter__ is on top, above __exit__.
                    _ => (BlockKind::With, f.stack.len() - 1),
                };
                f.blocks.push(Block {
                    kind,
                    handler: *h,
                    depth,
                    handling: f.handling.len(),
                });
            }
            Instr::PopBlock => {
                f.blocks.pop();
            }
            Instr::PopExcept => {
                f.handling.pop();
                self.sync_chain(f);
            }
            Instr::ExcMatch => {
                let types = Self::pop(f);
                let e = Self::top(f).clone();
                let e = e.as_exc().expect("ExcMatch on an exception").clone();
                let m = self.exc_matches(&e, &types)?;
                f.stack.push(Value::Bool(m));
            }
            Instr::ExcStarMatch | Instr::ExcStarReraise => {
                return Err(Raised::New(self.refuse("'except*'")));
            }
            Instr::BeforeWith(is_async) => {
                let mgr = Self::pop(f);
                let (exit, entered) = self.before_with(&mgr, *is_async)?;
                f.stack.push(exit);
                f.stack.push(entered);
            }
            Instr::WithExceptStart => {
                let e = Self::top(f).clone();
                let exit = f.stack[f.stack.len() - 2].clone();
                let exc = e.as_exc().expect("with handler on an exception").clone();
                let tb = self.traceback_value(&exc);
                let cls = Value::Class(exc.class.clone());
                let r = self.call_value(&exit, vec![cls, e, tb])?;
                f.stack.push(r);
            }
            Instr::WithNormalExit => {
                let exit = Self::pop(f);
                let r = self.call_value(&exit, vec![Value::None, Value::None, Value::None])?;
                f.stack.push(r);
            }
            Instr::MakeFunction {
                code,
                defaults,
                kwdefaults,
                closure,
            } => {
                let closure = if *closure { Some(Self::pop(f)) } else { None };
                let kwd = if *kwdefaults {
                    Some(Self::pop(f))
                } else {
                    None
                };
                let dflt = if *defaults { Some(Self::pop(f)) } else { None };
                let func = self.make_function(code.clone(), f, dflt, kwd, closure);
                f.stack.push(func);
            }
            Instr::BuildClass(name, nbases, _) => {
                let bases = f.stack.split_off(f.stack.len() - *nbases as usize);
                let body = Self::pop(f);
                let cls = self.build_class(&body, name, bases)?;
                f.stack.push(cls);
            }
            Instr::Import(name, full) => {
                let m = self.import(name, *full)?;
                f.stack.push(m);
            }
            Instr::ImportFrom(name) => {
                let m = Self::top(f).clone();
                let v = self.import_from(&m, name)?;
                f.stack.push(v);
            }
            Instr::PopAnnotation => {
                Self::pop(f);
            }
            Instr::RaiseAssert(has_msg) => {
                let args = if *has_msg { vec![Self::pop(f)] } else { vec![] };
                let e = self.new_exc(E::AssertionError, args);
                self.set_context(&e);
                return Err(Raised::New(e));
            }
        }
        Ok(Flow::Continue)
    }

    /// `raise`, `raise e`, `raise e from c`.
    fn do_raise(&mut self, f: &mut Frame, n: u8) -> Raised {
        match n {
            0 => match self.handled_exception() {
                Some(e) => Raised::Reraise(e),
                None => Raised::New(self.err(E::RuntimeError, "No active exception to reraise")),
            },
            _ => {
                let cause = if n == 2 { Some(Self::pop(f)) } else { None };
                let v = Self::pop(f);
                let e = match self.make_raisable(v) {
                    Ok(e) => e,
                    Err(e) => return Raised::New(e),
                };
                if let Some(c) = cause {
                    let c = match c {
                        Value::None => None,
                        other => match self.make_raisable_cause(other) {
                            Ok(c) => Some(c),
                            Err(e) => return Raised::New(e),
                        },
                    };
                    let mut st = e.exc_mut();
                    st.cause = c;
                    st.suppress_context = true;
                }
                self.set_context(&e);
                Raised::New(e)
            }
        }
    }

    /// The exception instance `raise v` raises: a class is instantiated.
    pub fn make_raisable(&mut self, v: Value) -> PyResult<Exc> {
        match v {
            Value::Instance(ref i) if i.exc.is_some() => Ok(i.clone()),
            Value::Class(ref c) if c.is_exception => {
                let r = self.call(&Value::Class(c.clone()), Args::default())?;
                match r {
                    Value::Instance(ref i) if i.exc.is_some() => Ok(i.clone()),
                    other => {
                        let tn = self.type_name(&other);
                        let msg = format!(
                            "calling {} should have returned an instance of BaseException, not {tn}",
                            self.repr(&Value::Class(c.clone()))?
                        );
                        Err(self.err(E::TypeError, &msg))
                    }
                }
            }
            _ => Err(self.err(E::TypeError, "exceptions must derive from BaseException")),
        }
    }

    fn make_raisable_cause(&mut self, v: Value) -> PyResult<Exc> {
        match v {
            Value::Instance(ref i) if i.exc.is_some() => Ok(i.clone()),
            Value::Class(ref c) if c.is_exception => self.make_raisable(Value::Class(c.clone())),
            _ => Err(self.err(
                E::TypeError,
                "exception causes must derive from BaseException",
            )),
        }
    }
}

/// How an instruction failed: a new raise (traceback entry added here) or a re-raise.
pub enum Raised {
    New(Exc),
    Reraise(Exc),
}

impl From<Exc> for Raised {
    fn from(e: Exc) -> Raised {
        Raised::New(e)
    }
}

/// A module's dict keys in CPython's order: a program's `__main__` starts with the names
/// `runpy` and the interpreter put there, before the program's own.
pub fn module_keys(m: &Module) -> Vec<String> {
    let keys: Vec<String> = m.dict.borrow().keys().map(|k| k.to_string()).collect();
    if m.file.is_none() {
        return keys;
    }
    let mut out: Vec<String> = [
        "__name__",
        "__doc__",
        "__package__",
        "__loader__",
        "__spec__",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    if keys.iter().any(|k| k == "__annotations__") {
        out.push("__annotations__".into());
    }
    out.extend(
        ["__builtins__", "__file__", "__cached__"]
            .iter()
            .map(|s| s.to_string()),
    );
    for k in keys {
        if !out.contains(&k) {
            out.push(k);
        }
    }
    out
}
