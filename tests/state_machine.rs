//! Transition-level model test (issue 5): the model is the reference state machine, aiospec-impl
//! on its asyncio-order executor the system under test, with futures the test completes by
//! hand. Transitions: make a child, complete it with a value or an exception, cancel it, start
//! a gather over some children (duplicates allowed) in either mode, cancel a gather. After
//! every transition both sides run their loop until nothing is ready, and every child's and
//! gather's state must be equal (SPEC F1, G1–G8).
//!
//! The reference state is the list of transitions so far: the model (which is not `Clone`) is
//! rebuilt by replaying it, which keeps the reference pure.

use aiospec_impl::{AioFuture, Executor, Gather, Raised};
use aiospec_model::asyncio::futures::FutState;
use aiospec_model::lang::exceptions::E;
use aiospec_model::lang::value::{FutId, Value};
use aiospec_model::runtime::Runtime;
use aiospec_model::{Config, FirstChoice, PyVersion};
use proptest::prelude::*;
use proptest_state_machine::{prop_state_machine, ReferenceStateMachine, StateMachineTest};

#[derive(Clone, Debug)]
enum Transition {
    NewChild,
    Complete {
        child: usize,
        ok: bool,
        value: u8,
    },
    CancelChild(usize),
    Gather {
        children: Vec<usize>,
        return_exceptions: bool,
    },
    CancelGather(usize),
}

#[derive(Clone, Debug, Default)]
struct RefState {
    history: Vec<Transition>,
    children: usize,
    gathers: usize,
}

/// The model after `history`: each child's and gather's state, as text.
fn model_states(history: &[Transition]) -> (Vec<String>, Vec<String>) {
    let mut chooser = FirstChoice;
    let mut rt = Runtime::new(PyVersion::new(11), &mut chooser, Config::default());
    let mut children: Vec<FutId> = Vec::new();
    let mut gathers: Vec<FutId> = Vec::new();
    for t in history {
        match t {
            Transition::NewChild => children.push(rt.create_future()),
            Transition::Complete { child, ok, value } => {
                let f = children[*child];
                if !rt.done(f) {
                    if *ok {
                        rt.future_set_result(f, Value::Int(*value as i64));
                    } else {
                        let e = rt.new_exc_msg(E::ValueError, &format!("e{value}"));
                        rt.future_set_exception(f, e);
                    }
                }
            }
            Transition::CancelChild(i) => {
                rt.cancel(children[*i], None);
            }
            Transition::Gather {
                children: cs,
                return_exceptions,
            } => {
                let args = cs.iter().map(|i| Value::Future(children[*i])).collect();
                gathers.push(
                    rt.gather(args, *return_exceptions)
                        .expect("futures are awaitable"),
                );
            }
            Transition::CancelGather(j) => {
                rt.cancel(gathers[*j], None);
            }
        }
        while !rt.ready.is_empty() {
            rt.run_once();
        }
    }
    let show = |rt: &mut Runtime, f: FutId| -> String {
        let (state, exc, result) = {
            let fut = &rt.futs[f.0];
            (fut.state, fut.exception.clone(), fut.result.clone())
        };
        match (state, exc) {
            (FutState::Pending, _) => "pending".into(),
            (FutState::Cancelled, _) => "cancelled".into(),
            (FutState::Finished, Some(e)) => {
                format!("exception {}", rt.repr(&Value::Instance(e)).expect("repr"))
            }
            (FutState::Finished, None) => format!("result {}", rt.repr(&result).expect("repr")),
        }
    };
    (
        children.iter().map(|f| show(&mut rt, *f)).collect(),
        gathers.iter().map(|f| show(&mut rt, *f)).collect(),
    )
}

fn raised_repr(e: &Raised<String>) -> String {
    match e {
        Raised::Error(m) => format!("ValueError('{m}')"),
        Raised::Cancelled(None) => "CancelledError()".into(),
        Raised::Cancelled(Some(m)) => format!("CancelledError('{m}')"),
        other => format!("{other}"),
    }
}

fn impl_state<T: Clone + Send + 'static>(
    f: &AioFuture<T, String>,
    show: impl Fn(&T) -> String,
) -> String {
    if !f.done() {
        return "pending".into();
    }
    if f.cancelled() {
        return "cancelled".into();
    }
    match f.peek().expect("done") {
        Ok(v) => format!("result {}", show(&v)),
        Err(e) => format!("exception {}", raised_repr(&e)),
    }
}

impl ReferenceStateMachine for RefState {
    type State = RefState;
    type Transition = Transition;

    fn init_state() -> BoxedStrategy<Self::State> {
        Just(RefState::default()).boxed()
    }

    fn transitions(state: &Self::State) -> BoxedStrategy<Self::Transition> {
        let n = state.children.max(1);
        let g = state.gathers.max(1);
        prop_oneof![
            3 => Just(Transition::NewChild),
            4 => (0..n, any::<bool>(), 0u8..5).prop_map(|(child, ok, value)| Transition::Complete { child, ok, value }),
            1 => (0..n).prop_map(Transition::CancelChild),
            2 => (proptest::collection::vec(0..n, 1..4), any::<bool>())
                .prop_map(|(children, return_exceptions)| Transition::Gather { children, return_exceptions }),
            1 => (0..g).prop_map(Transition::CancelGather),
        ]
        .boxed()
    }

    fn preconditions(state: &Self::State, t: &Self::Transition) -> bool {
        match t {
            Transition::NewChild => true,
            Transition::Complete { child, .. } | Transition::CancelChild(child) => {
                *child < state.children
            }
            Transition::Gather { children, .. } => children.iter().all(|c| *c < state.children),
            Transition::CancelGather(j) => *j < state.gathers,
        }
    }

    fn apply(mut state: Self::State, t: &Self::Transition) -> Self::State {
        match t {
            Transition::NewChild => state.children += 1,
            Transition::Gather { .. } => state.gathers += 1,
            _ => {}
        }
        state.history.push(t.clone());
        state
    }
}

struct Sut {
    ex: Executor,
    children: Vec<AioFuture<u64, String>>,
    gathers: Vec<Gather<u64, String>>,
}

struct GatherVsModel;

impl StateMachineTest for GatherVsModel {
    type SystemUnderTest = Sut;
    type Reference = RefState;

    fn init_test(_: &RefState) -> Self::SystemUnderTest {
        Sut {
            ex: Executor::new(),
            children: vec![],
            gathers: vec![],
        }
    }

    fn apply(
        mut sut: Self::SystemUnderTest,
        state: &RefState,
        t: Transition,
    ) -> Self::SystemUnderTest {
        let Sut {
            ex,
            children,
            gathers,
        } = &mut sut;
        ex.enter(|| match &t {
            Transition::NewChild => children.push(AioFuture::new()),
            Transition::Complete { child, ok, value } => {
                let f = &children[*child];
                if !f.done() {
                    if *ok {
                        f.set_result(*value as u64);
                    } else {
                        f.set_exception(Raised::Error(format!("e{value}")));
                    }
                }
            }
            Transition::CancelChild(i) => {
                children[*i].cancel(None);
            }
            Transition::Gather {
                children: cs,
                return_exceptions,
            } => {
                let fs = cs.iter().map(|i| children[*i].clone()).collect();
                gathers.push(aiospec_impl::gather(fs, *return_exceptions));
            }
            Transition::CancelGather(j) => {
                gathers[*j].cancel(None);
            }
        });
        // Run the loop until nothing is ready (no timers: it returns false when idle).
        let _ = ex.run_forever(None);
        // The invariant: every child and gather in the state the model is in.
        let (mc, mg) = model_states(&state.history);
        let ic: Vec<String> = sut
            .children
            .iter()
            .map(|f| impl_state(f, |v| v.to_string()))
            .collect();
        let ig: Vec<String> = sut
            .gathers
            .iter()
            .map(|g| {
                impl_state(g.future(), |rs| {
                    let items: Vec<String> = rs
                        .iter()
                        .map(|r| match r {
                            Ok(v) => v.to_string(),
                            Err(e) => raised_repr(e),
                        })
                        .collect();
                    format!("[{}]", items.join(", "))
                })
            })
            .collect();
        assert_eq!(ic, mc, "children after {:?}", state.history);
        assert_eq!(ig, mg, "gathers after {:?}", state.history);
        sut
    }
}

prop_state_machine! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]
    #[test]
    fn g1_g8_gather_transitions_match_the_model(sequential 1..24 => GatherVsModel);
}
