//! Calls of builtins: Python's (`print`, `len`, `repr`, `str`, `isinstance`, `range`,
//! `list`) and asyncio's (`sleep`, `create_task`/`ensure_future`, `current_task`, `gather`,
//! `wait`, `wait_for`), with the `wait` and `wait_for` coroutines run on aiospec-impl's
//! combinators, and the methods of tasks and gathers (`result`, `exception`, `done`,
//! `cancelled`, `cancel`).
//!
//! Apart from the evaluator because this is the file to read against asyncio's `tasks.py`:
//! argument handling, error messages and the 3.11 semantics of each combinator.

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use aiospec_impl as imp;
use aiospec_model::Event;
use imp::Raised;

use super::exceptions::ExcClass;
use super::interp::{Interp, Me};
use super::trace::record_gather;
use super::value::{
    exc, exc_repr, num, opaque, repr, str_of, to_exc, truthy, Builtin, Fut, FutRef, NativeCall,
    PyExc, R, V,
};

impl Interp {
    /// `await asyncio.wait(fs, timeout, return_when)` (3.11 semantics: coroutines rejected).
    pub(super) async fn wait(
        self: &Arc<Self>,
        fs: &V,
        timeout: &V,
        return_when: &V,
        me: &Me,
    ) -> R<V> {
        let id = self.waits.fetch_add(1, Ordering::SeqCst) + 1;
        let r = self.wait_inner(fs, timeout, return_when, me, id).await;
        if let Err(e) = &r {
            self.event(Event::Wait {
                id,
                t: self.now(),
                done: None,
                pending: None,
                exception: Some(exc_repr(&to_exc(e))),
            });
        }
        r
    }

    pub(super) async fn wait_inner(
        self: &Arc<Self>,
        fs: &V,
        timeout: &V,
        return_when: &V,
        me: &Me,
        id: usize,
    ) -> R<V> {
        if let V::Fut(_) | V::Coro(_) = fs {
            let tn = if matches!(fs, V::Coro(_)) {
                "coroutine"
            } else {
                "Task"
            };
            return Err(exc(
                ExcClass::TypeError,
                &format!("expect a list of futures, not {tn}"),
            ));
        }
        let items = self.iterate(fs)?;
        if items.is_empty() {
            return Err(exc(ExcClass::ValueError, "Set of Tasks/Futures is empty."));
        }
        let rw = match return_when {
            V::Str(s) if &**s == "FIRST_COMPLETED" => imp::ReturnWhen::FirstCompleted,
            V::Str(s) if &**s == "FIRST_EXCEPTION" => imp::ReturnWhen::FirstException,
            V::Str(s) if &**s == "ALL_COMPLETED" => imp::ReturnWhen::AllCompleted,
            other => {
                return Err(exc(
                    ExcClass::ValueError,
                    &format!("Invalid return_when value: {}", str_of(other)),
                ))
            }
        };
        if items.iter().any(|v| matches!(v, V::Coro(_))) {
            return Err(exc(
                ExcClass::TypeError,
                "Passing coroutines is forbidden, use tasks explicitly.",
            ));
        }
        let mut futs = Vec::new();
        let mut refs: Vec<(Fut, FutRef)> = Vec::new();
        for v in &items {
            let f = self.fut_of(v)?;
            if let V::Fut(r) = v {
                refs.push((f.clone(), r.clone()));
            }
            futs.push(f);
        }
        let timeout = match timeout {
            V::None => None,
            t => Some(self.duration(
                num(t).ok_or_else(|| exc(ExcClass::TypeError, "timeout must be a number"))?,
            )),
        };
        let w = match imp::wait(futs, timeout, rw).await {
            Ok(Ok(w)) => w,
            Ok(Err(e)) => {
                self.check_delivered(me)?;
                return Err(e);
            }
            Err(imp::WaitError::Empty) => {
                return Err(exc(ExcClass::ValueError, "Set of Tasks/Futures is empty."))
            }
            Err(imp::WaitError::NoRuntime) => {
                return Err(exc(ExcClass::RuntimeError, "no running event loop"))
            }
        };
        self.check_delivered(me)?;
        let label = |f: &Fut| f.name().to_string();
        let mut done: Vec<String> = w.done.iter().map(label).collect();
        let mut pending: Vec<String> = w.pending.iter().map(label).collect();
        done.sort();
        pending.sort();
        self.event(Event::Wait {
            id,
            t: self.now(),
            done: Some(done),
            pending: Some(pending),
            exception: None,
        });
        let back = |fs: &[Fut]| -> Vec<V> {
            fs.iter()
                .filter_map(|f| {
                    refs.iter()
                        .find(|(g, _)| g.same(f))
                        .map(|(_, r)| V::Fut(r.clone()))
                })
                .collect()
        };
        Ok(V::Tuple(Arc::new(vec![
            V::Set(Arc::new(back(&w.done))),
            V::Set(Arc::new(back(&w.pending))),
        ])))
    }

    /// `await asyncio.wait_for(aw, timeout)` (3.11: a coroutine is awaited directly when there
    /// is no timeout, else wrapped in a task).
    pub(super) async fn wait_for(self: &Arc<Self>, aw: &V, timeout: &V, me: &Me) -> R<V> {
        let timeout = match timeout {
            V::None => None,
            t => Some(num(t).ok_or_else(|| exc(ExcClass::TypeError, "timeout must be a number"))?),
        };
        let Some(t) = timeout else {
            return self.await_value(aw.clone(), me).await;
        };
        let fut = match aw {
            V::Coro(c) => self.spawn_coro(c.clone())?.future().clone(),
            V::SleepCoro(_) => self.spawn_native(aw.clone(), "sleep()")?.future().clone(),
            V::Native(n) => {
                let label = if matches!(&**n, NativeCall::Wait { .. }) {
                    "wait()"
                } else {
                    "wait_for()"
                };
                self.spawn_native(aw.clone(), label)?.future().clone()
            }
            other => self.fut_of(other)?,
        };
        let d = if t <= 0.0 {
            Duration::ZERO
        } else {
            self.duration(t)
        };
        let r = imp::wait_for(fut, Some(d)).await;
        self.check_delivered(me)?;
        r.map_err(|e| match e {
            Raised::Timeout => Raised::Error(PyExc {
                class: ExcClass::TimeoutError,
                args: vec![],
            }),
            other => other,
        })
    }

    pub(super) fn fut_of(&self, v: &V) -> R<Fut> {
        match v {
            V::Fut(FutRef::Task(t)) => Ok(t.future().clone()),
            V::Fut(FutRef::Gather(_)) => {
                Err(self.unsupported("a gather inside gather, wait or wait_for"))
            }
            V::Fut(FutRef::Future(f)) => Ok(f.clone()),
            _ => Err(exc(
                ExcClass::TypeError,
                "An asyncio.Future, a coroutine or an awaitable is required",
            )),
        }
    }

    pub(super) fn call_builtin(
        self: &Arc<Self>,
        b: Builtin,
        args: Vec<V>,
        kw: impl Fn(&str) -> Option<V>,
        me: &Me,
    ) -> R<V> {
        match b {
            Builtin::Print | Builtin::Repr | Builtin::Str if args.iter().any(opaque) => Err(self
                .unsupported("the repr of a task, future, coroutine, function or asyncio object")),
            Builtin::Print => {
                let text = args.iter().map(str_of).collect::<Vec<_>>().join(" ");
                self.event(Event::Print {
                    t: self.now(),
                    text,
                    end: None,
                });
                Ok(V::None)
            }
            Builtin::Len => match args.first() {
                Some(V::List(l) | V::Tuple(l) | V::Set(l)) => Ok(V::Int(l.len() as i64)),
                Some(V::Str(s)) => Ok(V::Int(s.chars().count() as i64)),
                _ => Err(exc(ExcClass::TypeError, "object has no len()")),
            },
            Builtin::Repr => Ok(V::Str(Arc::from(
                repr(args.first().unwrap_or(&V::None)).as_str(),
            ))),
            Builtin::Str => Ok(V::Str(Arc::from(
                str_of(args.first().unwrap_or(&V::None)).as_str(),
            ))),
            Builtin::IsInstance => match (args.first(), args.get(1)) {
                (Some(V::Exc(e)), Some(t)) => self.matches(e, t).map(V::Bool),
                (Some(_), Some(_)) => Ok(V::Bool(false)),
                _ => Err(exc(ExcClass::TypeError, "isinstance expected 2 arguments")),
            },
            Builtin::Range => {
                let (a, b) = match args.as_slice() {
                    [V::Int(n)] => (0, *n),
                    [V::Int(a), V::Int(b)] => (*a, *b),
                    _ => return Err(exc(ExcClass::TypeError, "range() takes integers")),
                };
                Ok(V::List(Arc::new((a..b.max(a)).map(V::Int).collect())))
            }
            Builtin::List => Ok(V::List(Arc::new(
                self.iterate(args.first().unwrap_or(&V::None))?,
            ))),
            Builtin::Sleep => {
                if kw("result").is_some() || args.len() > 1 {
                    return Err(self.unsupported("sleep(result=)"));
                }
                let d = args
                    .first()
                    .and_then(num)
                    .ok_or_else(|| exc(ExcClass::TypeError, "sleep() needs a number"))?;
                Ok(V::SleepCoro(d))
            }
            Builtin::CurrentTask => match me.task.get() {
                Some(t) => Ok(V::Fut(FutRef::Task(t.clone()))),
                None => Ok(V::None),
            },
            Builtin::CreateTask => match args.first() {
                Some(V::Coro(c)) => Ok(V::Fut(FutRef::Task(self.spawn_coro(c.clone())?))),
                Some(v @ V::SleepCoro(_)) => Ok(V::Fut(FutRef::Task(
                    self.spawn_native(v.clone(), "sleep()")?,
                ))),
                Some(V::Fut(f)) => Ok(V::Fut(f.clone())),
                _ => Err(self.unsupported("create_task of something other than a coroutine")),
            },
            Builtin::Gather => {
                let rex = kw("return_exceptions").is_some_and(|v| truthy(&v));
                for a in &args {
                    if !matches!(a, V::Coro(_)) {
                        self.fut_of(a)?;
                    }
                }
                // Children are made in argument order, each registered before the next
                // (ensure_future, then add_done_callback).
                let mut seen: Vec<(usize, Fut)> = Vec::new();
                let mut failure = None;
                let mut make = |i: usize| -> Fut {
                    match &args[i] {
                        V::Coro(c) => {
                            let key = Arc::as_ptr(c) as usize;
                            if let Some((_, f)) = seen.iter().find(|(k, _)| *k == key) {
                                return f.clone();
                            }
                            match self.spawn_coro(c.clone()) {
                                Ok(t) => {
                                    t.future().set_log_destroy_pending(false);
                                    seen.push((key, t.future().clone()));
                                    t.future().clone()
                                }
                                Err(e) => {
                                    failure.get_or_insert(e);
                                    let f: Fut = imp::AioFuture::new();
                                    f.cancel(None);
                                    f
                                }
                            }
                        }
                        other => self.fut_of(other).expect("validated above"),
                    }
                };
                let id = self.gathers.fetch_add(1, Ordering::SeqCst) + 1;
                let g = imp::gather_lazy(&format!("gather#{id}"), args.len(), &mut make, rex);
                if let Some(e) = failure {
                    return Err(e);
                }
                record_gather(self, &g, id, false);
                Ok(V::Fut(FutRef::Gather(g)))
            }
            Builtin::Wait => {
                let fs = args
                    .first()
                    .cloned()
                    .or_else(|| kw("fs"))
                    .unwrap_or(V::None);
                let timeout = args
                    .get(1)
                    .cloned()
                    .or_else(|| kw("timeout"))
                    .unwrap_or(V::None);
                let return_when = args
                    .get(2)
                    .cloned()
                    .or_else(|| kw("return_when"))
                    .unwrap_or(V::Str(Arc::from("ALL_COMPLETED")));
                Ok(V::Native(Arc::new(NativeCall::Wait {
                    fs,
                    timeout,
                    return_when,
                })))
            }
            Builtin::TaskGroup
            | Builtin::Timeout
            | Builtin::TimeoutAt
            | Builtin::Shield
            | Builtin::AsCompleted
            | Builtin::GetRunningLoop => self.call_structured(b, args, kw),
            Builtin::WaitFor => {
                let aw = args
                    .first()
                    .cloned()
                    .or_else(|| kw("fut"))
                    .unwrap_or(V::None);
                let timeout = args
                    .get(1)
                    .cloned()
                    .or_else(|| kw("timeout"))
                    .unwrap_or(V::None);
                Ok(V::Native(Arc::new(NativeCall::WaitFor { aw, timeout })))
            }
        }
    }

    pub(super) fn call_method(&self, fr: FutRef, m: &str, args: Vec<V>) -> R<V> {
        let (done, cancelled) = match &fr {
            FutRef::Task(t) => (t.done(), t.cancelled()),
            FutRef::Gather(g) => (g.done(), g.future().cancelled()),
            FutRef::Future(f) => (f.done(), f.cancelled()),
        };
        match m {
            "done" => Ok(V::Bool(done)),
            "cancelled" => Ok(V::Bool(cancelled)),
            "cancel" => {
                let msg = args.first().filter(|v| !matches!(v, V::None)).map(str_of);
                Ok(V::Bool(match &fr {
                    FutRef::Task(t) => t.cancel(msg.as_deref()),
                    FutRef::Gather(g) => g.cancel(msg.as_deref()),
                    FutRef::Future(f) => f.cancel(msg),
                }))
            }
            "result" => match &fr {
                FutRef::Task(t) => t.result(),
                FutRef::Future(f) => f.result(),
                FutRef::Gather(_) => Err(self.unsupported("gather.result()")),
            },
            "exception" => match &fr {
                FutRef::Task(t) => t
                    .exception()
                    .map(|e| e.map(|e| V::Exc(Arc::new(to_exc(&e)))).unwrap_or(V::None)),
                FutRef::Future(f) => f
                    .exception()
                    .map(|e| e.map(|e| V::Exc(Arc::new(to_exc(&e)))).unwrap_or(V::None)),
                FutRef::Gather(_) => Err(self.unsupported("gather.exception()")),
            },
            _ => Err(self.unsupported(m)),
        }
    }
}
