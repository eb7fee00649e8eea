//! `asyncio.gather()`: `_GatheringFuture` and its `_done_callback`, per version
//! (SPEC G1–G12).

use std::collections::HashMap;

use crate::asyncio::events::Callback;
use crate::asyncio::futures::FutKind;
use crate::asyncio::state::GatherState;
use crate::lang::exceptions::E;
use crate::lang::value::{FutId, PyResult, Value};
use crate::runtime::Runtime;

impl Runtime<'_> {
    /// `tasks.ensure_future(arg)`: a future is itself, a coroutine becomes a Task.
    pub fn ensure_future(&mut self, v: &Value) -> PyResult<(FutId, bool)> {
        match v {
            Value::Future(f) => Ok((*f, false)),
            Value::Coro(c) if self.coros[c.0].kind == crate::lang::gen::CoroKind::Coroutine => {
                Ok((self.loop_create_task(*c)?, true))
            }
            Value::Instance(_) if self.lookup_special(v, "__await__").is_some() => {
                Err(self.refuse("ensure_future() of an awaitable object the program defines"))
            }
            Value::Coro(c) if self.v.generators_are_coroutines() => {
                // 3.7-3.11 wrap a generator in a Task, as `@asyncio.coroutine` functions make
                // (a bare yield of anything but None is a bad yield).
                Ok((self.create_task(*c, None), true))
            }
            _ => {
                let e = self.err(
                    E::TypeError,
                    "An asyncio.Future, a coroutine or an awaitable is required",
                );
                self.through_stdlib(&e, "tasks.ensure_future.type_error");
                Err(e)
            }
        }
    }

    /// An exception from gather's `ensure_future(arg, loop=loop)`, with the frames of gather
    /// (3.9: and of `_gather`) that CPython's traceback shows.
    fn gather_stdlib_error(&mut self, e: crate::lang::value::Exc) -> crate::lang::value::Exc {
        self.through_stdlib(&e, "tasks.gather.ensure_future");
        self.through_stdlib(&e, "tasks.gather.to_gather");
        e
    }

    /// `asyncio.gather(*coros_or_futures, return_exceptions=...)`.
    pub fn gather(&mut self, args: Vec<Value>, return_exceptions: bool) -> PyResult<FutId> {
        self.gather_on(args, return_exceptions, None)
    }

    /// `gather(*args, return_exceptions=..., loop=lp)` (`loop=` to 3.9, the model's current
    /// loop when given): `lp`, or else the first argument's loop, is the gather's loop, and an
    /// argument Future of another loop is a ValueError from `ensure_future(arg, loop=loop)`
    /// (SPEC G10).
    pub fn gather_on(
        &mut self,
        args: Vec<Value>,
        return_exceptions: bool,
        lp: Option<usize>,
    ) -> PyResult<FutId> {
        let mut gather_loop = lp;
        let g = self.gathers.len();
        self.tl_gather_called(g);
        if args.is_empty() {
            // G10: an empty gather is a plain future, already done with [].
            self.gathers.push(GatherState {
                id: 0,
                outer: None,
                children: vec![],
                nfuts: 0,
                nfinished: 0,
                return_exceptions,
                cancel_requested: false,
                shutdown: false,
            });
            let outer = self.create_future();
            self.tl_gather_outer(g, outer);
            let id = self.number_gather(g);
            self.futs[outer.0].label = format!("gather#{id}");
            self.gathers[g].outer = Some(outer);
            self.future_set_result(outer, Value::list(vec![]));
            let outcome = self.outcome_of(outer);
            self.record(crate::trace::Event::Gather {
                id,
                t: self.time,
                outcome,
                shutdown: false,
            });
            return Ok(outer);
        }
        self.gathers.push(GatherState {
            id: 0,
            outer: None,
            children: vec![],
            nfuts: 0,
            nfinished: 0,
            return_exceptions,
            cancel_requested: false,
            shutdown: false,
        });
        // arg_to_fut: duplicates share one child (G9). A map, as CPython's dict is: a scan
        // would make gather quadratic in its arguments.
        let mut arg_to_fut: HashMap<ObjectKey, FutId> = HashMap::new();
        let mut children = Vec::new();
        let mut done_futs = Vec::new();
        for arg in args {
            // `arg not in arg_to_fut` hashes the argument first: a list is a TypeError
            // before anything is made of it.
            if let Err(e) = self.hash_key_as(&arg, crate::lang::dict::KeyUse::DictKey) {
                self.gathers[g].children = children;
                return Err(e);
            }
            let key = object_key(&arg);
            let seen = key.and_then(|k| arg_to_fut.get(&k).copied());
            let fut = match seen {
                Some(f) => f,
                None => {
                    if let (Value::Future(af), Some(l)) = (&arg, gather_loop) {
                        if self.futs[af.0].loop_id != Some(l) {
                            self.gathers[g].children = children;
                            let msg = if self.v.minor() == 7 {
                                "loop argument must agree with Future"
                            } else {
                                "The future belongs to a different loop than the one specified as the loop argument"
                            };
                            let e = self.err(E::ValueError, msg);
                            self.through_stdlib(&e, "tasks.ensure_future.value_error");
                            return Err(self.gather_stdlib_error(e));
                        }
                    }
                    let (fut, new) = match self.ensure_future(&arg) {
                        Ok(x) => x,
                        Err(e) => {
                            self.gathers[g].children = children;
                            return Err(self.gather_stdlib_error(e));
                        }
                    };
                    if gather_loop.is_none() {
                        gather_loop = self.futs[fut.0].loop_id;
                    }
                    if new {
                        // The caller can't control a task gather made for it.
                        self.task_mut(fut).log_destroy_pending = false;
                    }
                    self.gathers[g].nfuts += 1;
                    if let Some(k) = key {
                        arg_to_fut.insert(k, fut);
                    }
                    if self.v.gather_eager_done_callbacks() && self.done(fut) {
                        done_futs.push(fut);
                    } else {
                        self.add_done_callback(fut, Callback::GatherDone { gather: g });
                    }
                    fut
                }
            };
            children.push(fut);
        }
        self.gathers[g].children = children;
        // `outer = _GatheringFuture(children, loop=loop)`: numbered now, after the children
        // (whose eager first steps may have made gathers of their own).
        let id = self.number_gather(g);
        let outer = self.new_future(FutKind::Gathering(g), format!("gather#{id}"));
        self.futs[outer.0].loop_id = gather_loop;
        self.tl_gather_outer(g, outer);
        self.gathers[g].outer = Some(outer);
        // G11 (3.12+): children already done are accounted for at once.
        for fut in done_futs {
            self.gather_done_callback(g, fut);
        }
        Ok(outer)
    }

    /// The oracle's number for gather `g`'s outer future, made now.
    fn number_gather(&mut self, g: usize) -> usize {
        self.gathers_numbered += 1;
        self.gathers[g].id = self.gathers_numbered;
        self.gathers_numbered
    }

    /// gather's `_done_callback(fut)` (SPEC G2–G8).
    pub fn gather_done_callback(&mut self, g: usize, fut: FutId) {
        self.gathers[g].nfinished += 1;
        let outer = self.gathers[g].outer;
        let outer_done = outer.is_none_or(|o| self.done(o));
        if outer_done {
            // G4: a late child's exception is retrieved, silently.
            if !self.cancelled(fut) {
                let _ = self.future_exception(fut);
            }
            return;
        }
        let outer = outer.expect("checked above");
        if !self.gathers[g].return_exceptions {
            if self.cancelled(fut) {
                // G5: a cancelled child fails the gather with CancelledError.
                let exc = if self.v.has_cancel_message() {
                    self.make_cancelled_error(fut)
                } else {
                    self.new_exc(E::CancelledError, vec![])
                };
                self.future_set_exception(outer, exc);
                return;
            }
            // G2: the first exception propagates to the outer future at once.
            if let Ok(Some(exc)) = self.future_exception(fut) {
                self.future_set_exception(outer, exc);
                return;
            }
        }
        let st = &self.gathers[g];
        if st.nfinished == st.nfuts {
            // G1/G3: all done; results in argument order.
            let children = st.children.clone();
            let mut results = Vec::with_capacity(children.len());
            for child in &children {
                let res = if self.cancelled(*child) {
                    let args = if self.v.has_cancel_message() {
                        let m = self.futs[child.0].cancel_message.clone();
                        vec![m.unwrap_or_else(|| Value::str(""))]
                    } else {
                        vec![]
                    };
                    Value::Instance(self.new_exc(E::CancelledError, args))
                } else {
                    match self.future_exception(*child) {
                        Ok(Some(e)) => Value::Instance(e),
                        Ok(None) => self.futs[child.0].result.clone(),
                        Err(e) => Value::Instance(e),
                    }
                };
                results.push(res);
            }
            if self.gathers[g].cancel_requested {
                // G7: a cancelled gather raises CancelledError even with return_exceptions.
                // On 3.9+ the error is made by the *last* child of the loop (`fut` is rebound
                // by `for fut in children`).
                let exc = if self.v.has_cancel_message() {
                    let last = *children.last().expect("non-empty gather");
                    self.make_cancelled_error(last)
                } else {
                    self.new_exc(E::CancelledError, vec![])
                };
                self.future_set_exception(outer, exc);
            } else {
                self.future_set_result(outer, Value::list(results));
            }
        }
    }

    /// `_GatheringFuture.cancel(msg)`: cancels the children, never the outer future itself
    /// (SPEC G6, G8).
    pub fn gathering_future_cancel(&mut self, g: usize, outer: FutId, msg: Option<Value>) -> bool {
        self.tl_cancel_requested(outer);
        if self.done(outer) {
            return false;
        }
        let mut ret = false;
        let children = self.gathers[g].children.clone();
        for child in children {
            if self.cancel(child, msg.clone()) {
                ret = true;
            }
        }
        if ret {
            self.gathers[g].cancel_requested = true;
        }
        ret
    }
}

/// An object's identity, where gather's `arg_to_fut` dict and wait's `set(fs)` can only find
/// an argument again by identity (futures and coroutines hash and compare by identity).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ObjectKey {
    Future(usize),
    Coro(usize),
}

/// The identity of an argument, or None for objects the model never finds again.
pub fn object_key(v: &Value) -> Option<ObjectKey> {
    match v {
        Value::Future(f) => Some(ObjectKey::Future(f.0)),
        Value::Coro(c) => Some(ObjectKey::Coro(c.0)),
        _ => None,
    }
}
