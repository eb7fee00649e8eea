//! One test per SPEC.md rule, named after its id. Each states what CPython does (the oracle
//! tests check the same scenarios against real CPython on every version) and asserts the
//! model does it.

mod common;
use aiospec_model::Outcome;
use common::*;

fn exc(s: &str) -> Outcome {
    Outcome::Exception(s.into())
}

// ---------------------------------------------------------------- L: the event loop

#[test]
fn l1_ready_callbacks_run_in_fifo_order_one_turn_at_a_time() {
    let t = model(&example("gather/children_start_in_argument_order.py"), 12);
    assert_eq!(
        prints(&t),
        [
            "a start",
            "b start",
            "c start",
            "a after yield",
            "b after yield",
            "c after yield"
        ]
    );
}

#[test]
fn l2_deadlines_are_float_sums() {
    // 0.1 + 0.2 = 0.30000000000000004 > 0.3: 'b' (deadline 0.3) is ahead of 'a' in the heap;
    // both fire in the turn at 0.3 since 'a' is within the clock resolution (L4).
    let t = model(&example("loop/float_deadlines.py"), 12);
    let p = timed_prints(&t);
    assert_eq!(p[0], (0.3, "b done at 0.3".to_string()));
    assert_eq!(p[1], (0.3, "a after two sleeps".to_string()));
}

#[test]
fn l3_equal_deadlines_fire_in_scheduling_order() {
    for minor in all_versions() {
        let t = model(&example("loop/equal_deadlines_fifo.py"), minor);
        assert_eq!(
            prints(&t),
            [
                "first done at 0.5",
                "second done at 0.5",
                "third done at 0.5"
            ]
        );
    }
}

#[test]
fn l3_a_negative_zero_deadline_ties_with_zero() {
    // CPython 3.7-3.15 (`aiospec check FILE --python all`): Python's `<` holds -0.0 and 0.0
    // equal, so the call_at(-0.0) timer keeps its place between the two call_later(0) ones.
    for v in aiospec_model::PyVersion::ALL {
        let t = aiospec_model::run(&example("loop/negative_zero_deadline.py"), v).expect("runs");
        assert_eq!(
            prints(&t)[1..5],
            [
                "call_soon runs before every timer",
                "first: call_later(0)",
                "second: call_at(-0.0)",
                "third: call_later(0.0)"
            ],
            "{v}"
        );
    }
}

#[test]
fn l3_call_at_ties_and_nan_deadlines_are_refused_with_their_place() {
    // CPython 3.12 runs eight `loop.call_at(w, print, 'cb', i)` with one `w` as
    // 0 2 6 5 7 1 3 4 (heapq's sift order, real clock), and a NaN deadline lands where the
    // heap's shape puts it: the model reproduces neither, so it refuses both (SPEC L3).
    let ties = "import asyncio\n\nasync def main():\n    loop = asyncio.get_running_loop()\n    w = loop.time() + 0.5\n    loop.call_at(w, print, 1)\n    loop.call_at(w, print, 2)\n    await asyncio.sleep(1)\n\nasyncio.run(main())\n";
    let p = aiospec_model::load_str(ties, "ties.py").expect("loads");
    let e = aiospec_model::run(&p, v(12)).expect_err("refused");
    assert!(
        e.to_string().starts_with(
            "ties.py:7:5: not supported by the model: two call_at() timers with one deadline"
        ),
        "{e}"
    );
    // Two distinct deadlines, or one of the two cancelled first: both programs run.
    let ok = ties.replace(
        "    loop.call_at(w, print, 2)",
        "    loop.call_at(w + 0.1, print, 2)",
    );
    let p = aiospec_model::load_str(&ok, "ok.py").expect("loads");
    assert_eq!(
        prints(&aiospec_model::run(&p, v(12)).expect("runs")),
        ["1", "2"]
    );
    let cancelled = ties.replace(
        "    loop.call_at(w, print, 1)\n",
        "    loop.call_at(w, print, 1).cancel()\n",
    );
    let p = aiospec_model::load_str(&cancelled, "cancelled.py").expect("loads");
    assert_eq!(prints(&aiospec_model::run(&p, v(12)).expect("runs")), ["2"]);
    let nan = ties
        .replace("w = loop.time() + 0.5", "w = float('nan')")
        .replace("    loop.call_at(w, print, 2)\n", "");
    let p = aiospec_model::load_str(&nan, "nan.py").expect("loads");
    let e = aiospec_model::run(&p, v(12)).expect_err("refused");
    assert!(
        e.to_string().contains("a timer whose deadline is NaN"),
        "{e}"
    );
}

#[test]
fn l4_clock_advances_by_select_timeout_and_in_day_steps() {
    let t = model(&example("loop/long_sleep.py"), 12);
    assert_eq!(timed_prints(&t), vec![(100000.5, "woke".to_string())]);
}

#[test]
fn l4_a_timer_at_a_far_clock_is_due_from_3_15() {
    // CPython 3.14.8 and 3.15.0 (`aiospec run FILE --backend cpython`).
    let s = example("loop/timer_at_now_far_clock.py");
    assert_eq!(
        prints(&model_at(&s, 14, 8)),
        ["20000000.000000004", "20000000.000000004"]
    );
    assert_eq!(
        prints(&model_at(&s, 15, 0)),
        ["20000000.0", "at now", "later tiny", "20000000.0"]
    );
}

#[test]
fn l5_nothing_ready_and_no_timer_is_stuck() {
    let t = model(&example("loop/stuck_run_forever.py"), 12);
    assert!(t
        .events
        .iter()
        .any(|e| matches!(e, aiospec_model::Event::Stuck { .. })));
    let t = model(&example("loop/awaiting_forever_stuck.py"), 12);
    assert_eq!(prints(&t), ["a done at 0.5", "done"]);
}

#[test]
fn l6_set_order_is_an_explicit_choice() {
    let s = example("wait/coroutines_order.py");
    let ex = aiospec_model::explore(&s, v(8), 1000, |_| {}).expect("explore");
    // Three coroutines: 3! creation orders, each printing a different start order.
    assert_eq!(ex.runs, 6);
    assert_eq!(ex.outcomes.len(), 6);
}

// ---------------------------------------------------------------- F: futures

#[test]
fn f1_method_argument_errors_are_worded_by_the_implementation() {
    // CPython 3.8, 3.9, 3.12 and 3.14.8, C and Python Task (`aiospec run FILE --backend
    // cpython [--cpython-impl py]`).
    let s = example("futures/method_argument_errors.py");
    let run = |minor: u8, imp| {
        let t = aiospec_model::run_with_config(
            &s,
            PyVersion::new(minor),
            imp,
            &aiospec_model::Config::default(),
            &mut aiospec_model::FirstChoice,
        )
        .expect("runs");
        prints(&t)
    };
    use aiospec_model::{Impl, PyVersion};
    assert_eq!(
        run(8, Impl::C)[0],
        "TypeError('done() takes no arguments (1 given)')"
    );
    assert_eq!(
        run(9, Impl::C)[0],
        "TypeError('Task.done() takes no arguments (1 given)')"
    );
    assert_eq!(
        run(9, Impl::Py)[0],
        "TypeError('done() takes 1 positional argument but 2 were given')"
    );
    let p = run(12, Impl::Py);
    assert_eq!(
        p[0],
        "TypeError('Future.done() takes 1 positional argument but 2 were given')"
    );
    assert_eq!(
        p[4],
        "TypeError('Task.cancel() takes from 1 to 2 positional arguments but 3 were given')"
    );
    let p = run(12, Impl::C);
    assert_eq!(p[6], "TypeError('exception() takes no arguments')");
    let hashing = |p: &[String]| p.iter().find(|l| l.contains("unhashable")).cloned();
    assert_eq!(
        hashing(&p).as_deref(),
        Some("TypeError(\"unhashable type: 'list'\")")
    );
    assert_eq!(
        hashing(&run(14, Impl::C)).as_deref(),
        Some("TypeError(\"cannot use 'list' as a dict key (unhashable type: 'list')\")")
    );
}

#[test]
fn f1_result_of_a_pending_future_is_an_invalid_state_error() {
    let t = model(&example("tasks/result_of_pending.py"), 12);
    assert_eq!(
        prints(&t)[0],
        "caught InvalidStateError('Result is not set.')"
    );
}

#[test]
fn f2_a_callback_added_to_a_done_future_is_scheduled_at_once() {
    let t = model(&example("wait/already_done.py"), 12);
    assert_eq!(waits(&t)[0].1, vec!["work('a', 0)"]);
}

#[test]
fn f3_awaiting_a_done_future_does_not_yield() {
    let t = model(&example("gather/empty.py"), 12);
    assert_eq!(prints(&t), ["before", "after []"]);
    assert_eq!(gathers(&t)[0].1, 0.0);
}

#[test]
fn f4_exception_of_a_cancelled_future_raises_cancelled_error() {
    let t = model(&example("tasks/exception_of_cancelled.py"), 12);
    assert_eq!(
        prints(&t).last().map(String::as_str),
        Some("caught CancelledError()")
    );
}

#[test]
fn f5_c_and_python_futures_word_result_not_ready_differently() {
    let s = example("tasks/result_of_pending.py");
    let py = aiospec_model::run_impl(
        &s,
        v(12),
        aiospec_model::Impl::Py,
        &mut aiospec_model::FirstChoice,
    )
    .expect("run");
    assert_eq!(
        prints(&py)[0],
        "caught InvalidStateError('Result is not ready.')"
    );
}

#[test]
fn f6_a_plain_future_completes_once() {
    // CPython 3.12's output (SPEC.md's block).
    let t = model(&example("futures/invalid_state.py"), 12);
    assert_eq!(
        prints(&t),
        [
            "InvalidStateError: invalid state",
            "InvalidStateError: invalid state",
            "RuntimeError: Task does not support set_result operation",
            "awaited KeyError()",
            "TypeError: StopIteration interacts badly with generators and cannot be raised into a Future"
        ]
    );
    // 3.13 sets a RuntimeError caused by the StopIteration instead of raising.
    let t = model(&example("futures/invalid_state.py"), 13);
    assert_eq!(
        prints(&t).last().map(String::as_str),
        Some("set RuntimeError('StopIteration interacts badly with generators and cannot be raised into a Future') caused by StopIteration('x')")
    );
}

#[test]
fn f7_a_callbacks_exception_is_logged_at_once_and_the_loop_goes_on() {
    let t = model(&example("futures/callback_exceptions.py"), 12);
    let reports: Vec<(f64, String)> = t
        .events
        .iter()
        .filter_map(|e| match e {
            aiospec_model::Event::Report { message, .. } => Some((0.0, message.clone())),
            aiospec_model::Event::Print { t, text, .. } => Some((*t, text.clone())),
            _ => None,
        })
        .map(|(t, m)| (t, m.split(" at ").next().unwrap_or_default().to_string()))
        .collect();
    assert_eq!(
        reports.iter().map(|(_, m)| m.as_str()).collect::<Vec<_>>(),
        [
            "<TimerHandle when=0.5 boom('late')",
            "Exception in callback boom(1)",
            "Exception in callback boom(<Future finished result=42>)",
            "42",
            "Exception in callback boom('late')"
        ]
    );
    // From 3.13 the arguments are not shown outside debug mode.
    let t = model(&example("futures/callback_exceptions.py"), 13);
    assert!(
        t.stderr().starts_with("Exception in callback boom() at "),
        "{}",
        t.stderr()
    );
}

// ---------------------------------------------------------------- T: tasks and cancellation

#[test]
fn t1_a_new_task_runs_only_when_its_creator_yields() {
    let t = model(&example("tasks/create_task_runs_later.py"), 12);
    assert_eq!(prints(&t), ["created", "task runs", "after yield"]);
}

#[test]
fn t2_awaiting_a_pending_future_suspends_until_its_callback_runs() {
    let t = model(&example("gather/results_in_argument_order.py"), 12);
    assert_eq!(
        gathers(&t)[0],
        (1, 0.5, Outcome::Result("['slow', 'fast']".into()))
    );
}

#[test]
fn t3_a_bare_yield_reschedules_at_the_back_of_the_ready_queue() {
    let t = model(&example("tasks/sleep0_round_robin.py"), 12);
    assert_eq!(prints(&t), ["a 0", "b 0", "a 1", "b 1", "a 2", "b 2"]);
}

#[test]
fn t4_cancelled_error_escaping_the_coroutine_cancels_the_task() {
    let t = model(&example("tasks/finally_runs_on_cancel.py"), 12);
    assert_eq!(prints(&t), ["finally ran", "caught CancelledError()"]);
    let t = model(&example("tasks/exception_then_cancel_msg.py"), 12);
    assert_eq!(prints(&t), ["caught RuntimeError('converted')"]);
}

#[test]
fn t5_cancel_pending_when_the_coroutine_returns() {
    let s = example("tasks/cancel_at_end.py");
    // 3.7: the task fails with CancelledError (not cancelled); 3.8+: it is cancelled.
    assert_eq!(
        prints(&model(&s, 7)),
        [
            "cancel returns True",
            "caught CancelledError()",
            "cancelled? False",
            "cancel again returns False"
        ]
    );
    for minor in 8..=13 {
        assert_eq!(
            prints(&model(&s, minor)),
            [
                "cancel returns True",
                "caught CancelledError()",
                "cancelled? True",
                "cancel again returns False"
            ],
            "3.{minor}"
        );
    }
}

#[test]
fn t6_cancel_is_thrown_in_at_the_next_step_and_reaches_the_awaited_future() {
    let t = model(&example("tasks/cancel_awaited_task_propagates.py"), 12);
    assert_eq!(
        prints(&t),
        [
            "inner cancelled",
            "caught CancelledError()",
            "inner cancelled? True"
        ]
    );
    let t = model(&example("tasks/cancel_before_start.py"), 12);
    assert_eq!(prints(&t), ["caught CancelledError()", "True"]);
    let t = model(&example("tasks/cancel_self_then_await.py"), 12);
    assert_eq!(
        prints(&t),
        [
            "thrown in at the await",
            "caught CancelledError()",
            "cancelled? True"
        ]
    );
}

#[test]
fn t7_a_coroutine_may_catch_cancellation_and_go_on() {
    let t = model(&example("tasks/catch_cancel_and_continue.py"), 12);
    assert_eq!(prints(&t), ["caught cancel", "survived", "False"]);
}

#[test]
fn t8_cancel_on_a_done_task_returns_false_and_silences_its_report() {
    let t = model(&example("tasks/cancel_done_task_suppresses_report.py"), 12);
    assert!(prints(&t).contains(&"False".to_string()));
    assert!(reports(&t).is_empty(), "{:?}", reports(&t));
}

#[test]
fn t9_cancel_messages_by_version() {
    let s = example("tasks/await_cancelled_task_message.py");
    for minor in [9, 10] {
        assert_eq!(
            prints(&model(&s, minor)).last().map(String::as_str),
            Some("caught CancelledError()")
        );
    }
    for minor in [11, 12, 13] {
        assert_eq!(
            prints(&model(&s, minor)).last().map(String::as_str),
            Some("caught CancelledError('bye')")
        );
    }
}

#[test]
fn t12_generator_based_coroutines_run_as_coroutines_to_3_10() {
    // CPython 3.8 (`python FILE`): these prints, then the ValueError through coroutines.py's
    // wrapper; 3.11 has no asyncio.coroutine (an AttributeError at the decorator).
    let p = example("tasks/generator_based_coroutines.py");
    for minor in [7, 8, 9, 10] {
        let t = model(&p, minor);
        let pr = prints(&t);
        assert_eq!(
            pr.iter()
                .filter(|l| !l.starts_with("<Task"))
                .collect::<Vec<_>>(),
            [
                "a",
                "fut",
                "42",
                "task",
                "[1, 4, 'after two yields']",
                "True",
                "RuntimeError Task got bad yield: 5"
            ],
            "3.{minor}"
        );
        assert_eq!(
            main_outcome(&t),
            Some(exc("ValueError('boom')")),
            "3.{minor}"
        );
    }
    let t = model(&p, 11);
    assert!(prints(&t).is_empty());
    let w = warnings(&model(&p, 8));
    assert_eq!(
        w.iter()
            .filter(|(_, m)| m.starts_with("\"@coroutine\" decorator is deprecated"))
            .count(),
        6,
        "{w:?}"
    );
}

#[test]
fn t11_create_task_arguments_per_version() {
    // CPython 3.8, 3.13 and 3.14.8 (`aiospec run FILE --backend cpython`).
    let s = example("tasks/create_task_arguments.py");
    let p = prints(&model(&s, 8));
    assert_eq!(
        p[..4],
        [
            "TypeError(\"create_task() got an unexpected keyword argument 'k'\")",
            "1 x",
            "1 5",
            "TypeError(\"create_task() got an unexpected keyword argument 'context'\")"
        ]
    );
    // A named task used up a number on 3.8-3.12, not on 3.13.
    assert_eq!(p[6], "1 Task-4");
    let p = prints(&model(&s, 13));
    assert_eq!(p[3], "1 Task-2");
    assert_eq!(
        p[8],
        "TypeError(\"BaseEventLoop.create_task() got an unexpected keyword argument 'k'\")"
    );
    let p = prints(&model_at(&s, 14, 8));
    assert_eq!(
        p[..6],
        [
            "TypeError(\"Task() got an unexpected keyword argument 'k'\")",
            "1 x",
            "1 5",
            "1 Task-2",
            "1 Task-3",
            "TypeError(\"_asyncio.Task() got multiple values for keyword argument 'loop'\")"
        ]
    );
    assert_eq!(
        p[10],
        "TypeError('BaseEventLoop.create_task() takes 2 positional arguments but 3 were given')"
    );
    assert!(model(&s, 12)
        .stderr()
        .contains("\nTypeError: a coroutine was expected, got 1\n"));
}

#[test]
fn t10_cancelled_error_is_an_exception_only_on_3_7() {
    let s = example("tasks/except_exception_catches_cancel_37.py");
    assert_eq!(
        prints(&model(&s, 7)),
        ["except Exception caught CancelledError()", "swallowed"]
    );
    assert_eq!(prints(&model(&s, 8)), ["caught CancelledError()"]);
}

// ---------------------------------------------------------------- S: sleep

#[test]
fn s1_sleep_zero_is_one_loop_iteration_without_a_timer() {
    let t = model(&example("loop/timer_vs_ready.py"), 12);
    assert_eq!(
        prints(&t),
        ["spin 0", "timer done at 0", "spin 1", "spin 2"]
    );
}

#[test]
fn s2_sleep_returns_its_result_after_the_delay() {
    let t = model(&example("gather/future_child_plain_sleep.py"), 12);
    assert_eq!(prints(&t), ["['x', 'y', 'z']"]);
    assert_eq!(gathers(&t)[0].1, 0.5);
}

#[test]
fn s3_a_cancelled_sleep_leaves_no_timer() {
    let t = model(&example("tasks/cancel_sleeping.py"), 12);
    assert_eq!(
        prints(&t),
        ["True", "a cancelled", "caught CancelledError()", "True"]
    );
    assert!(t
        .events
        .iter()
        .any(|e| matches!(e, aiospec_model::Event::End { t } if *t == 0.5)));
}

// ---------------------------------------------------------------- G: gather

#[test]
fn g9_a_later_bad_argument_leaves_a_callback_that_fails_on_3_7_and_3_8() {
    // CPython 3.7, 3.8 and 3.9 (`aiospec run FILE --backend cpython`): bpo-46672.
    let s = example("gather/later_argument_fails_37.py");
    for minor in [7, 8] {
        let t = model(&s, minor);
        let err = t.stderr();
        assert!(
            err.contains("Exception in callback gather.<locals>._done_callback(<Task finishe...='child done'>) at "),
            "3.{minor}: {err}"
        );
        assert!(err.contains("    if outer.done():\nNameError: free variable 'outer' referenced before assignment in enclosing scope"));
    }
    assert!(model(&s, 9).stderr().is_empty());
}

#[test]
fn g1_results_in_argument_order() {
    let t = model(&example("gather/results_in_argument_order.py"), 12);
    assert_eq!(
        prints(&t),
        ["fast done at 0.25", "slow done at 0.5", "['slow', 'fast']"]
    );
}

#[test]
fn g2_first_exception_propagates_at_once() {
    for minor in all_versions() {
        let t = model(&example("gather/first_exception_propagates.py"), minor);
        assert_eq!(gathers(&t)[0], (1, 0.5, exc("ValueError('b')")));
        let p = prints(&t);
        assert_eq!(
            p[..3],
            [
                "b raising at 0.5",
                "caught ValueError('b')",
                "main continues"
            ]
        );
    }
}

#[test]
fn g3_return_exceptions_collects_exceptions_as_results() {
    let t = model(&example("gather/return_exceptions_true.py"), 12);
    assert_eq!(
        prints(&t).last().map(String::as_str),
        Some("[ValueError('a'), 'b']")
    );
}

#[test]
fn g4_siblings_keep_running_and_late_exceptions_are_retrieved_silently() {
    let t = model(&example("gather/late_exceptions_retrieved_silently.py"), 12);
    assert_eq!(
        prints(&t),
        [
            "a raising at 0.25",
            "caught ValueError('a')",
            "b raising at 0.5",
            "c raising at 0.75"
        ]
    );
    assert!(reports(&t).is_empty(), "{:?}", reports(&t));
}

#[test]
fn g5_a_cancelled_child_fails_the_gather_with_cancelled_error() {
    // CPython 3.7-3.15 (`aiospec run FILE --backend cpython`): the gather fails with
    // CancelledError but is not itself cancelled (test_one_cancellation).
    let t = model(&example("gather/child_cancelled.py"), 12);
    assert_eq!(gathers(&t)[0].2, exc("CancelledError()"));
    assert_eq!(
        prints(&t)[2],
        "g cancelled: False exception: CancelledError"
    );
    let t = model(&example("gather/child_cancelled_return_exceptions.py"), 8);
    assert_eq!(
        prints(&t).last().map(String::as_str),
        Some("[CancelledError(), 'u', ZeroDivisionError('boom')]")
    );
    let t = model(&example("gather/child_cancelled_return_exceptions.py"), 9);
    assert_eq!(
        prints(&t).last().map(String::as_str),
        Some("[CancelledError(''), 'u', ZeroDivisionError('boom')]")
    );
}

#[test]
fn g6_cancelling_the_gather_cancels_the_children_and_its_awaiter() {
    let t = model(&example("gather/outer_cancelled_return_exceptions.py"), 12);
    assert_eq!(
        prints(&t),
        ["a cancelled", "b cancelled", "caught CancelledError()"]
    );
}

#[test]
fn g7_cancel_after_done_does_nothing() {
    let t = model(&example("gather/cancel_after_done.py"), 12);
    assert_eq!(
        prints(&t),
        [
            "a raising at 0.25",
            "caught ValueError('a')",
            "cancel returns False",
            "b finished"
        ]
    );
}

#[test]
fn g8_duplicate_arguments_are_one_child() {
    let t = model(&example("gather/duplicate_arguments.py"), 12);
    assert_eq!(
        prints(&t),
        [
            "dup done at 0.25",
            "other done at 0.5",
            "['dup', 'dup', 'other']"
        ]
    );
}

#[test]
fn g9_coroutines_become_tasks_in_argument_order() {
    let t = model(&example("gather/not_awaitable.py"), 12);
    assert_eq!(
        prints(&t),
        ["caught TypeError('An asyncio.Future, a coroutine or an awaitable is required')"]
    );
}

#[test]
fn g10_empty_gather_is_a_done_future() {
    let t = model(&example("gather/empty.py"), 7);
    assert_eq!(gathers(&t), vec![(1, 0.0, Outcome::Result("[]".into()))]);
}

#[test]
fn g11_children_already_done_are_counted_inside_gather_from_3_12() {
    let s = example("gather/already_done_children.py");
    assert_eq!(
        prints(&model(&s, 11))[2],
        "done right after gather()? False"
    );
    assert_eq!(prints(&model(&s, 12))[2], "done right after gather()? True");
}

#[test]
fn g12_an_unawaited_failed_gather_is_reported() {
    let t = model(&example("gather/never_awaited_failure.py"), 12);
    assert_eq!(
        reports(&t),
        vec![(
            "_GatheringFuture exception was never retrieved".into(),
            "gather#1".into(),
            Some("ValueError('a')".into())
        )]
    );
}

// ---------------------------------------------------------------- W: wait

#[test]
fn w1_wait_never_raises_the_children_exceptions() {
    let t = model(&example("wait/all_completed_tasks.py"), 12);
    assert_eq!(prints(&t).last().map(String::as_str), Some("2 0"));
    assert_eq!(main_outcome(&t), Some(Outcome::Result("None".into())));
}

#[test]
fn w2_first_completed_returns_at_the_first_completion() {
    let t = model(&example("wait/first_completed.py"), 12);
    assert_eq!(waits(&t)[0].0, 0.25);
    assert_eq!(prints(&t), ["b done at 0.25", "1 1", "a done at 0.5"]);
}

#[test]
fn w3_first_exception_returns_at_the_first_exception() {
    let t = model(&example("wait/first_exception.py"), 12);
    assert_eq!(waits(&t)[0].0, 0.25);
    let t = model(&example("wait/first_exception_cancelled_task.py"), 12);
    assert_eq!(prints(&t)[0], "wait done? False");
}

#[test]
fn w4_first_exception_retrieves_the_exception_that_woke_it() {
    assert!(reports(&model(&example("wait/first_exception_retrieves.py"), 12)).is_empty());
    // ... but not when the failing future is the last one: `counter <= 0` short-circuits.
    let r = reports(&model(
        &example("wait/first_exception_last_not_retrieved.py"),
        12,
    ));
    assert_eq!(
        r,
        vec![(
            "Task exception was never retrieved".into(),
            "fail('b', 0.5)".into(),
            Some("ValueError('b')".into())
        )]
    );
}

#[test]
fn w5_wait_removes_its_callbacks_and_cancels_nothing() {
    let t = model(&example("wait/waiter_cancelled.py"), 12);
    assert_eq!(
        prints(&t),
        [
            "caught CancelledError()",
            "t cancelled? False",
            "a done at 1"
        ]
    );
}

#[test]
fn w6_exceptions_in_done_are_not_retrieved_until_someone_looks() {
    assert_eq!(
        reports(&model(&example("wait/all_completed_tasks.py"), 12)).len(),
        1
    );
    assert!(reports(&model(
        &example("wait/exceptions_retrieved_by_result.py"),
        12
    ))
    .is_empty());
}

#[test]
fn w7_coroutines_passed_to_wait_start_in_set_order() {
    let s = example("wait/coroutines_order.py");
    let first = prints(&model(&s, 8));
    assert_eq!(first, ["a started", "b started", "c started", "3"]);
}

#[test]
fn w8_empty_wait_raises_value_error() {
    assert_eq!(
        prints(&model(&example("wait/empty.py"), 10)),
        ["caught ValueError('Set of coroutines/Futures is empty.')"]
    );
    assert_eq!(
        prints(&model(&example("wait/empty.py"), 11)),
        ["caught ValueError('Set of Tasks/Futures is empty.')"]
    );
    assert_eq!(
        prints(&model(&example("wait/invalid_return_when.py"), 12))[0],
        "caught ValueError('Invalid return_when value: SOMETIMES')"
    );
}

#[test]
fn w9_a_single_future_is_a_type_error() {
    assert_eq!(
        prints(&model(&example("wait/single_future.py"), 12))[0],
        "caught TypeError('expect a list of futures, not Task')"
    );
}

#[test]
fn w10_coroutines_warn_then_are_rejected() {
    let s = example("wait/coroutines.py");
    assert!(warnings(&model(&s, 8)).is_empty());
    assert_eq!(warnings(&model(&s, 9))[0].0, "DeprecationWarning");
    let t = model(&s, 11);
    assert_eq!(
        prints(&t)[0],
        "caught TypeError('Passing coroutines is forbidden, use tasks explicitly.')"
    );
    assert_eq!(
        warnings(&t),
        vec![(
            "RuntimeWarning".into(),
            "coroutine 'work' was never awaited".into()
        )]
    );
}

#[test]
fn w11_a_timeout_returns_instead_of_raising() {
    let t = model(&example("wait/timeout_expires.py"), 12);
    assert_eq!(prints(&t), ["a done at 0.25", "1 1", "b done at 1"]);
    let t = model(&example("wait/timeout_zero.py"), 12);
    assert_eq!(prints(&t), ["a done at 0", "1 0"]);
}

#[test]
fn w12_cancelling_the_waiter_propagates_out_of_wait() {
    let t = model(&example("wait/waiter_cancelled.py"), 12);
    assert_eq!(waits(&t)[0].3.as_deref(), Some("CancelledError()"));
}

#[test]
fn w13_callbacks_on_already_done_futures_follow_set_order() {
    // Two futures already done under FIRST_EXCEPTION: whether the failure's exception() is
    // called depends on which callback runs first, i.e. on the set's order.
    let s = scenario(
        r#"{"coroutines": {"ok": {"body": ["return 1"]}, "bad": {"body": ["raise ValueError('x')"]}},
            "main": ["a = asyncio.create_task(bad())", "b = asyncio.create_task(ok())", "await asyncio.sleep(0.5)",
                     "done, pending = await asyncio.wait([a, b], return_when=asyncio.FIRST_EXCEPTION)"]}"#,
    );
    let ex = aiospec_model::explore(&s, v(12), 100, |_| {}).expect("explore");
    let counts: Vec<usize> = ex
        .outcomes
        .values()
        .map(|(_, _, t)| reports(t).len())
        .collect();
    assert_eq!(ex.outcomes.len(), 2);
    assert!(counts.contains(&0) && counts.contains(&1), "{counts:?}");
}

// ---------------------------------------------------------------- WF: wait_for

#[test]
fn wf1_without_timeout_wait_for_just_awaits() {
    assert_eq!(
        prints(&model(&example("wait_for/no_timeout.py"), 10)),
        ["a done at 0.5", "a"]
    );
    assert_eq!(
        prints(&model(&example("wait_for/child_raises.py"), 12))
            .last()
            .map(String::as_str),
        Some("caught ValueError('a')")
    );
}

#[test]
fn wf2_on_timeout_the_child_is_cancelled_and_awaited_then_timeout_error() {
    for minor in all_versions() {
        let t = model(&example("wait_for/timeout_expires.py"), minor);
        assert_eq!(
            prints(&t),
            ["a cancelled", "caught TimeoutError()"],
            "3.{minor}"
        );
    }
}

#[test]
fn wf3_timeout_zero() {
    let s = example("wait_for/timeout_zero_pending.py");
    // 3.7 cancels without waiting: the child never runs its handler before the TimeoutError.
    assert_eq!(prints(&model(&s, 7)), ["caught TimeoutError()"]);
    assert_eq!(prints(&model(&s, 8)), ["caught TimeoutError()"]);
    // A task that is already running (CPython, `aiospec run FILE --backend cpython`): 3.7
    // raises TimeoutError before the task has run its finally; 3.8+ waits for it.
    let s = example("wait_for/timeout_zero_started_task.py");
    let p = prints(&model(&s, 7));
    assert_eq!(p[0], "timeout 0 raised TimeoutError at 0.0");
    assert_eq!(p[1], "done: False cancelled: False running: True");
    for minor in [8, 12] {
        let p = prints(&model(&s, minor));
        assert_eq!(p[0], "foo finally at 0.0");
        assert_eq!(p[2], "done: True cancelled: True running: False");
    }
    assert_eq!(
        prints(&model(&example("wait_for/timeout_zero_done.py"), 12)),
        ["a done at 0", "a"]
    );
}

#[test]
fn wf4_cancelling_wait_for_cancels_the_child() {
    let t = model(&example("wait_for/outer_cancelled.py"), 12);
    assert_eq!(prints(&t), ["a cancelled", "caught CancelledError()"]);
}

#[test]
fn wf5_from_3_12_wait_for_runs_a_coroutine_in_the_callers_task() {
    let s = example("wait_for/inline_coroutine.py");
    assert_eq!(
        prints(&model(&s, 11)),
        ["other runs", "quick runs", "got 1"]
    );
    assert_eq!(
        prints(&model(&s, 12)),
        ["quick runs", "got 1", "other runs"]
    );
}

// ---------------------------------------------------------------- R: retrieval tracking

#[test]
fn r1_an_exception_nobody_retrieves_is_reported() {
    let r = reports(&model(&example("tasks/unretrieved_task_exception.py"), 12));
    assert_eq!(
        r,
        vec![(
            "Task exception was never retrieved".into(),
            "fail('a', 0)".into(),
            Some("ValueError('a')".into())
        )]
    );
}

#[test]
fn r2_result_and_await_retrieve() {
    assert!(reports(&model(&example("tasks/awaited_exception_retrieved.py"), 12)).is_empty());
}

#[test]
fn r3_exception_retrieves() {
    assert!(reports(&model(
        &example("wait/exceptions_retrieved_by_result.py"),
        7
    ))
    .is_empty());
}

#[test]
fn r4_cancel_retrieves_even_when_it_returns_false() {
    assert!(reports(&model(
        &example("tasks/cancel_done_task_suppresses_report.py"),
        7
    ))
    .is_empty());
}

#[test]
fn r5_run_until_complete_retrieves_mains_exception() {
    // asyncio.run(main()) with main failing: the exception escapes; no report for main.
    let t = model(&example("run/raises.py"), 12);
    assert_eq!(main_outcome(&t), Some(exc("ValueError('spam')")));
    assert!(reports(&t).is_empty());
}

#[test]
fn r6_reports_name_the_class_of_the_future() {
    let r = reports(&model(
        &example("gather/main_fails_child_error_unretrieved_run_forever.py"),
        12,
    ));
    assert_eq!(
        r,
        vec![(
            "Task exception was never retrieved".into(),
            "main()".into(),
            Some("ValueError('a')".into())
        )]
    );
}

#[test]
fn r7_reports_and_warnings_compare_as_a_multiset() {
    let t = model(&example("seed/c_wait_tasks.py"), 12);
    let mut sorted = t.finalization.clone();
    sorted.sort_by_key(|e| e.to_json());
    assert_eq!(t.finalization, sorted);
}

#[test]
fn r8_pending_tasks_at_exit_are_destroyed_pending() {
    let t = model(&example("loop/run_forever_until.py"), 12);
    assert_eq!(
        reports(&t),
        vec![(
            "Task was destroyed but it is pending!".into(),
            "loud('a', 5)".into(),
            None
        )]
    );
}

#[test]
fn r9_a_coroutine_never_awaited_warns() {
    let t = model(&example("run/never_awaited_coroutine.py"), 12);
    assert_eq!(
        warnings(&t),
        vec![(
            "RuntimeWarning".into(),
            "coroutine 'work' was never awaited".into()
        )]
    );
}

// ---------------------------------------------------------------- X: asyncio.run and run_forever

#[test]
fn x1_a_main_that_is_not_a_coroutine_is_rejected_per_version() {
    // CPython 3.10, 3.12, 3.14.8 (`aiospec run FILE --backend cpython`): from 3.11 the
    // Runner's loop is made, and closed with its two shutdown tasks, before the rejection.
    let s = example("run/not_a_coroutine.py");
    for (minor, first, task) in [
        (10, "ValueError a coroutine was expected, got 1", "Task-1"),
        (12, "ValueError a coroutine was expected, got 1", "Task-5"),
        (
            14,
            "TypeError An asyncio.Future, a coroutine or an awaitable is required",
            "Task-5",
        ),
    ] {
        let p = prints(&model(&s, minor));
        assert_eq!(p[0], first, "3.{minor}");
        assert_eq!(p[2], task, "3.{minor}");
        assert_eq!(
            p[3],
            "inside: RuntimeError asyncio.run() cannot be called from a running event loop"
        );
    }
    let t = model(&example("run/not_a_coroutine_traceback.py"), 12);
    assert!(t.stderr().contains(
        "line 89, in run\n    raise ValueError(\"a coroutine was expected, got {!r}\".format(coro))\n"
    ));
}

#[test]
fn x1_asyncio_run_returns_or_raises_what_main_does() {
    assert_eq!(
        main_outcome(&model(&example("run/returns_value.py"), 7)),
        Some(Outcome::Result("42".into()))
    );
    assert_eq!(
        main_outcome(&model(&example("run/main_cancelled.py"), 12)),
        Some(exc("CancelledError()"))
    );
}

#[test]
fn x2_remaining_tasks_are_cancelled_and_run_to_completion() {
    let t = model(&example("run/cancels_hanging_tasks.py"), 12);
    assert_eq!(prints(&t), ["main returns", "a cancelled", "b cancelled"]);
}

#[test]
fn x3_an_error_during_shutdown_is_reported() {
    let r = reports(&model(&example("run/reports_hanging_task_errors.py"), 12));
    assert_eq!(
        r,
        vec![(
            "unhandled exception during asyncio.run() shutdown".into(),
            "bad()".into(),
            Some("ZeroDivisionError('boom')".into())
        )]
    );
}

#[test]
fn x4_shutdown_takes_loop_iterations_that_other_tasks_use() {
    let s = example("run/shutdown_gives_extra_iterations.py");
    // The shutdown gather, shutdown_asyncgens() and (3.9+) shutdown_default_executor() each
    // run the loop until their future is done.
    let spins = |minor| prints(&model(&s, minor)).len();
    assert_eq!(spins(7), 4);
    assert_eq!(spins(8), 4);
    assert_eq!(spins(9), 6);
    assert_eq!(spins(12), 6);
}

#[test]
fn x5_from_3_11_mains_task_is_made_before_run_until_complete() {
    // Runner.run() creates main's task itself; task numbering is the same, the outcome too.
    assert_eq!(
        main_outcome(&model(&example("run/returns_value.py"), 11)),
        Some(Outcome::Result("42".into()))
    );
}

#[test]
fn x6_run_forever_stops_when_told_or_when_nothing_is_left() {
    let t = model(&example("loop/run_forever_until.py"), 12);
    assert!(t
        .events
        .iter()
        .any(|e| matches!(e, aiospec_model::Event::End { t } if *t == 2.0)));
}

// ---------------------------------------------------------------- L7 and M: the Python the model runs

#[test]
fn l7_virtual_time_reaches_any_finite_deadline() {
    // CPython under the harness prints the same (SPEC.md's block is filled from it).
    let t = model(&example("loop/clock_jump.py"), 12);
    assert_eq!(
        prints(&t),
        [
            "woke at 1.0000000000000002e+20",
            "time.monotonic() moved with it: True"
        ]
    );
}

#[test]
fn l8_loop_argument_warns_where_each_version_reads_it() {
    // CPython 3.7/3.8/3.9 under the oracle (`aiospec run FILE --backend cpython --json`): the
    // same prints, and 0, 17 and 19 DeprecationWarnings with this message.
    let p = example("loop/loop_argument_warnings.py");
    let msg = "The loop argument is deprecated since Python 3.8, and scheduled for removal in Python 3.10.";
    for (minor, n) in [(7, 0), (8, 17), (9, 19)] {
        let t = model(&p, minor);
        assert_eq!(
            prints(&t),
            [
                "['Lock', 'Event', 'Condition', 'Semaphore', 'BoundedSemaphore', 'Queue']",
                "sleep(0) ok None",
                "sleep(0.01) ok None",
                "gather() ok []",
                "gather(child()) ok [1]",
                "wait ok 1",
                "wait_for ok 1",
                "shield ok 1",
                "as_completed 1"
            ],
            "3.{minor}"
        );
        let w = warnings(&t);
        assert_eq!(w.len(), n, "3.{minor}: {w:?}");
        assert!(
            w.iter().all(|(c, m)| c == "DeprecationWarning" && m == msg),
            "{w:?}"
        );
    }
}

#[test]
fn l8_a_future_of_another_loop_is_a_value_error_and_another_loop_is_refused() {
    // CPython 3.8 (`aiospec check`): both gathers raise this ValueError.
    let t = model(&example("gather/futures_of_two_loops_loop_argument.py"), 8);
    let e = "ValueError The future belongs to a different loop than the one specified as the loop argument";
    assert_eq!(
        prints(&t),
        [format!("two loops: {e}"), format!("loop=other: {e}")]
    );
    // A loop= naming a loop other than the model's current one is refused, with its place.
    let text = "import asyncio\none = asyncio.new_event_loop()\nother = asyncio.new_event_loop()\nlock = asyncio.Lock(loop=one)\n";
    let p = aiospec_model::load_str(text, "two.py").expect("loads");
    let e = aiospec_model::run(&p, v(8)).expect_err("refused");
    assert!(
        e.to_string().starts_with(
            "two.py:4:8: not supported by the model: Lock(loop=...) with a loop other than"
        ),
        "{e}"
    );
    // So is running a loop that is not the current one.
    let text = "import asyncio\none = asyncio.new_event_loop()\nother = asyncio.new_event_loop()\none.run_until_complete(asyncio.sleep(0))\n";
    let p = aiospec_model::load_str(text, "run.py").expect("loads");
    let e = aiospec_model::run(&p, v(12)).expect_err("refused");
    assert!(
        e.to_string().contains(
            "loop.run_until_complete() of an event loop other than the model's current one"
        ),
        "{e}"
    );
}

#[test]
fn k5_a_barrier_breaks_for_its_waiters_on_abort() {
    // CPython 3.12 (`python FILE`) prints these; the Barrier is absent before 3.11.
    let p = example("locks/barrier_abort.py");
    for minor in [11, 12, 13] {
        assert_eq!(
            prints(&model(&p, minor)),
            [
                "half draining True [True, True] [True, True] 0 False",
                "exception True 0 4 True 0",
                "then resetting False 0 4 True 5 True 0"
            ],
            "3.{minor}"
        );
    }
    let text = "import asyncio\nasyncio.Barrier(2)\n";
    let p = aiospec_model::load_str(text, "b.py").expect("loads");
    let t = aiospec_model::run(&p, v(10)).expect("runs");
    assert!(main_outcome(&t).is_none(), "no asyncio.run");
    let tb = format!("{t:?}");
    assert!(tb.contains("has no attribute 'Barrier'"), "{tb}");
}

#[test]
fn m1_making_a_coroutine_does_not_call_its_arguments_repr() {
    // CPython 3.7-3.15 (`python FILE`, and `aiospec check FILE --python all`): only the
    // program's own `print([c])` calls Client.__repr__.
    for v in aiospec_model::PyVersion::ALL {
        let t =
            aiospec_model::run(&example("lang/coroutine_args_repr_untouched.py"), v).expect("runs");
        assert_eq!(
            prints(&t),
            [
                "made the coroutine",
                "a:1",
                "b:2",
                "a:3",
                "['c:4', 'a:5']",
                "repr of a",
                "[Client('a')]"
            ],
            "{v}"
        );
    }
}

#[test]
fn m1_an_attribute_of_a_builtin_stand_in_is_refused_not_an_attribute_error() {
    // CPython 3.7-3.15 prints [1, 2, 3]: itertools.chain is a class there, with the
    // classmethod from_iterable. The model used to raise AttributeError("'builtin_function_
    // or_method' object has no attribute 'from_iterable'"), an exception CPython never raises.
    let text = "import itertools\nprint(list(itertools.chain.from_iterable([[1], [2, 3]])))\n";
    let p = aiospec_model::load_str(text, "chain.py").expect("loads");
    for v in aiospec_model::PyVersion::ALL {
        let e = aiospec_model::run(&p, v).expect_err("refused");
        assert_eq!(
            e.to_string(),
            "chain.py:2:12: not supported by the model: the attribute 'from_iterable' of chain",
            "{v}"
        );
    }
}

#[test]
fn m1_annotations_are_lazy_from_3_14() {
    // CPython 3.13 raises NameError at the def; 3.14 (PEP 649) does not evaluate it.
    let s = example("lang/lazy_annotations.py");
    let t = model(&s, 13);
    assert!(t
        .stderr()
        .ends_with("NameError: name 'Request' is not defined\n"));
    assert_eq!(prints(&model_at(&s, 14, 8)), ["handled /"]);
}

#[test]
fn m2_the_recursion_limit_counts_asyncios_frames() {
    // CPython 3.7-3.10, 3.11 and 3.12-3.13 (run as `python recursion_limit.py`).
    for (minor, reached) in [(7, 990), (10, 990), (11, 989), (12, 991), (13, 991)] {
        let t = model(&example("lang/recursion_limit.py"), minor);
        assert_eq!(
            prints(&t),
            ["limit 1000".to_string(), format!("reached {reached}")],
            "3.{minor}"
        );
    }
}

#[test]
fn m6_clocks_are_virtual_and_random_is_cpythons() {
    let t = model(&example("lang/virtual_time_random.py"), 12);
    let p = prints(&t);
    assert_eq!(p[0], "0.6394267984578837 4 [4, 3, 8]");
    assert_eq!(p[1], "time.sleep moved the clock by 2.0");
    assert_eq!(p.last().map(String::as_str), Some("b slept 1.0 at 5.0"));
}

#[test]
fn m7_numbers_are_cpythons() {
    let t = model(&example("lang/numbers.py"), 12);
    assert_eq!(
        prints(&t),
        [
            "1267650600228229401496703205376 -4 1 3.5",
            "0.30000000000000004 1e+16 1e-07 2 0.12",
            "1,234,567.89 0xff 50% 1.000000e+20",
            "1000000000000000000000000000000 -2 616",
            "0.30000000000000004"
        ]
    );
}

#[test]
fn x7_system_exit_and_keyboard_interrupt_leave_the_loop() {
    let t = model(&example("run/sys_exit_in_main.py"), 12);
    assert_eq!(prints(&t), ["exiting"]);
    assert_eq!(t.exit_status(), 3);
    assert!(t.stderr().is_empty(), "nothing is reported: {}", t.stderr());
    for (minor, status) in [(7, 1), (8, 130), (12, 130)] {
        let t = model(&example("run/keyboard_interrupt_in_main.py"), minor);
        assert_eq!(t.exit_status(), status, "3.{minor}");
        assert!(t
            .stderr()
            .ends_with("    raise KeyboardInterrupt\nKeyboardInterrupt\n"));
        assert!(t.stderr().contains("in _run_once\n    handle._run()\n"));
    }
}

#[test]
fn x8_a_closed_loop_refuses_work_and_a_running_loop_refuses_to_run_again() {
    // CPython 3.7-3.15 (`aiospec run FILE --backend cpython`).
    for v in aiospec_model::PyVersion::ALL {
        let t = aiospec_model::run(&example("loop/closed_loop_errors.py"), v).expect("runs");
        let p = prints(&t);
        assert_eq!(p[0], "1");
        for (line, name) in p[1..].iter().zip([
            "call_soon",
            "call_later",
            "call_at",
            "create_task",
            "run_forever",
            "run_until_complete",
        ]) {
            assert_eq!(
                *line,
                format!("{name} RuntimeError('Event loop is closed')"),
                "{v}"
            );
        }
        assert!(
            t.stderr().contains("in _check_closed\n"),
            "{v}: {}",
            t.stderr()
        );
        assert!(t.stderr().ends_with("RuntimeError: Event loop is closed\n"));
        let t = aiospec_model::run(&example("loop/run_until_complete_while_running.py"), v)
            .expect("runs");
        let check = if v.minor() == 7 {
            "_check_runnung"
        } else {
            "_check_running"
        };
        assert!(
            t.stderr().contains(&format!("in {check}\n")),
            "{v}: {}",
            t.stderr()
        );
        assert!(t
            .stderr()
            .contains("RuntimeError: This event loop is already running\n"));
    }
    // 3.13.0's run_forever cleans up after a setup that failed: refused, not modelled.
    assert!(aiospec_model::run(
        &example("loop/run_forever_while_running.py"),
        aiospec_model::PyVersion::new(13)
    )
    .is_err());
}

// ---------------------------------------------------------------- K: locks, Q: queues
// Expected outputs printed by CPython under the oracle's harness
// (`aiospec run FILE --backend cpython --python 3.x`).

#[test]
fn k1_a_lock_is_handed_to_its_waiters_in_order() {
    for minor in all_versions() {
        let t = model(&example("locks/lock_fifo.py"), minor);
        let p = prints(&t);
        assert_eq!(
            p[2],
            "a has the lock <asyncio.locks.Lock object at 0x... [locked]>"
        );
        assert_eq!(
            p[6], "b has the lock <asyncio.locks.Lock object at 0x... [locked, waiters:1]>",
            "3.{minor}"
        );
        assert_eq!(
            p[8],
            "c has the lock <asyncio.locks.Lock object at 0x... [locked]>"
        );
    }
}

#[test]
fn k2_event_set_wakes_every_waiter_in_order() {
    let t = model(&example("locks/event_wakes_all.py"), 9);
    assert_eq!(
        timed_prints(&t)[5..8],
        [
            (0.5, "a woke at 0.5".to_string()),
            (0.5, "b woke at 0.5".to_string()),
            (0.5, "c woke at 0.5".to_string())
        ]
    );
}

#[test]
fn k3_semaphore_fairness_changed_in_3_10() {
    let line = |minor| {
        let t = model(&example("locks/semaphore_cancel_while_waking.py"), minor);
        prints(&t)
            .into_iter()
            .find(|l| l.starts_with("a cancelled"))
            .expect("a is cancelled")
    };
    assert_eq!(
        line(9),
        "a cancelled; <asyncio.locks.Semaphore object at 0x... [unlocked, value:1]>"
    );
    assert_eq!(
        line(10),
        "a cancelled; <asyncio.locks.Semaphore object at 0x... [locked, waiters:1]>"
    );
    let t = model(&example("locks/bounded_semaphore_overrelease.py"), 12);
    assert_eq!(
        prints(&t),
        [
            "<asyncio.locks.Semaphore object at 0x... [unlocked, value:2]>",
            "ValueError: BoundedSemaphore released too many times",
            "ValueError: Semaphore initial value must be >= 0"
        ]
    );
}

#[test]
fn k4_condition_notify_wakes_one_waiter_per_call() {
    let t = model(&example("locks/condition_producer_consumer.py"), 12);
    assert_eq!(
        prints(&t),
        [
            "notified all <asyncio.locks.Condition object at 0x... [locked, waiters:2]>",
            "c1 got [0, 2, 4]",
            "c2 got [1, 3]",
            "RuntimeError: cannot notify on un-acquired lock"
        ]
    );
}

#[test]
fn q1_queue_put_and_get_wait_and_join_counts_tasks() {
    let t = model(&example("queues/producer_consumer_join.py"), 12);
    let p = prints(&t);
    assert_eq!(p[4], "w1 did 1 at 0.25");
    assert_eq!(p[10], "joined at 1.0 <Queue maxsize=2 _getters[2]>");
    assert_eq!(p[11], "[CancelledError(''), CancelledError('')]");
    let t = model(&example("queues/get_nowait_empty.py"), 12);
    assert!(t
        .stderr()
        .ends_with("in get_nowait\n    raise QueueEmpty\nasyncio.queues.QueueEmpty\n"));
}

#[test]
fn q2_priority_queue_follows_heapq_order() {
    let t = model(&example("queues/priority_and_lifo.py"), 12);
    assert_eq!(
        prints(&t)[1],
        "[(0, 'first'), (1, 'a'), (1, 'z'), (2, 'b'), (3, 'c')]"
    );
    assert_eq!(prints(&t)[3], "[3, 2, 1, 0] True");
}

// ---------------------------------------------------------------- SH: shield, AC: as_completed

#[test]
fn sh1_cancelling_the_shield_leaves_the_inner_task_running() {
    // CPython 3.7-3.13 (`aiospec run FILE --backend cpython`).
    for minor in all_versions() {
        let t = model(&example("shield/outer_cancelled_inner_runs_on.py"), minor);
        let p = prints(&t);
        assert_eq!(p[1], "waiter cancelled; inner done: False", "3.{minor}");
        assert_eq!(p[2], "waiter cancelled: True");
        assert_eq!(p[3], "inner finished at 1.0");
        assert_eq!(p[4], "inner result");
        let t = model(
            &example("shield/inner_fails_after_outer_cancelled.py"),
            minor,
        );
        assert!(
            t.stderr()
                .starts_with("Task exception was never retrieved\n"),
            "3.{minor}: {}",
            t.stderr()
        );
    }
    // 3.14.0-3.14.8 and 3.15.0 report the late failure at once, as an exception in a shielded
    // future; 3.14.9 and 3.15.1 took that out again (CPython 3.14.8, 3.14.10, 3.15.0, 3.15.2).
    let s = example("shield/inner_fails_after_outer_cancelled.py");
    for (minor, patch, first) in [
        (14, 8, "ValueError exception in shielded future\n"),
        (15, 0, "ValueError exception in shielded future\n"),
        (14, 10, "Task exception was never retrieved\n"),
        (15, 2, "Task exception was never retrieved\n"),
    ] {
        let err = model_at(&s, minor, patch).stderr();
        assert!(err.starts_with(first), "3.{minor}.{patch}: {err}");
    }
}

#[test]
fn ac1_a_cancelled_step_loses_its_item_until_3_14_9() {
    // CPython 3.13, 3.14.8, 3.14.10, 3.15.0, 3.15.2 (`aiospec run FILE --backend cpython`).
    let s = example("as_completed/cancelled_anext.py");
    for (minor, patch, rest) in [
        (13, 0, "['a']"),
        (14, 8, "['a']"),
        (15, 0, "['a']"),
        (14, 10, "['a', 'b']"),
        (15, 2, "['a', 'b']"),
    ] {
        let p = prints(&model_at(&s, minor, patch));
        assert_eq!(
            p,
            [
                "first anext timed out".to_string(),
                format!("rest of the async iteration: {rest}")
            ],
            "3.{minor}.{patch}"
        );
    }
}

#[test]
fn ac1_as_completed_yields_in_completion_order() {
    let t = model(&example("as_completed/completion_order.py"), 12);
    assert_eq!(
        prints(&t),
        [
            "b after 0.25 at 0.25",
            "c after 0.5 at 0.5",
            "a after 0.75 at 0.75"
        ]
    );
    let t = model(&example("as_completed/timeout.py"), 12);
    assert_eq!(
        prints(&t),
        [
            "got fast",
            "timed out at 1.0",
            "timed out at 1.0",
            "[True, False, False]",
            "all done at 3.0"
        ]
    );
}

#[test]
fn to1_a_timeout_turns_its_own_cancellation_into_timeout_error() {
    // CPython 3.11-3.13 (`aiospec run FILE --backend cpython`).
    for minor in 11..=13 {
        let t = model(&example("timeouts/expires.py"), minor);
        assert_eq!(
            prints(&t),
            [
                "<Timeout [created]>",
                "<Timeout [active] when=0.5> 0.5",
                "TimeoutError at 0.5 CancelledError() True",
                "<Timeout [expired]>",
                "<Timeout [finished]> False"
            ],
            "3.{minor}"
        );
        let t = model(&example("timeouts/nested.py"), minor);
        assert_eq!(
            prints(&t),
            [
                "inner expired: True outer expired: False",
                "cancelled, not a timeout: True 1"
            ]
        );
    }
}

#[test]
fn to1_the_python_task_wakes_a_step_while_handling_the_exception_it_throws() {
    // CPython 3.13 (`aiospec run FILE --backend cpython --cpython-impl c|py`): the
    // ZeroDivisionError raised in the step the first timeout's CancelledError woke has that
    // CancelledError as __context__ on the pure-Python Task (its __wakeup steps inside
    // `except BaseException`), none on the C Task.
    let s = example("timeouts/exception_chains_in_finally.py");
    let run = |imp| {
        aiospec_model::run_impl(&s, v(13), imp, &mut aiospec_model::FirstChoice).expect("run")
    };
    let head = "context [('TimeoutError', 'CancelledError', 'CancelledError', True), ('CancelledError', None, 'ZeroDivisionError', False), ";
    assert_eq!(
        prints(&run(aiospec_model::Impl::C))[1],
        format!("{head}('ZeroDivisionError', None, None, False)]")
    );
    assert_eq!(
        prints(&run(aiospec_model::Impl::Py))[1],
        format!("{head}('ZeroDivisionError', None, 'CancelledError', False), ('CancelledError', None, None, False)]")
    );
}

// ---------------------------------------------------------------- TG: TaskGroup, EG: groups

#[test]
fn tg1_the_first_failure_cancels_the_rest_and_errors_come_out_together() {
    // CPython 3.11-3.13 (`aiospec run FILE --backend cpython`).
    for minor in 11..=13 {
        let t = model(&example("taskgroups/first_failure_cancels_rest.py"), minor);
        assert_eq!(
            prints(&t),
            [
                "body waiting <TaskGroup tasks=3 entered>",
                "fast finished",
                "slow cancelled at 0.5",
                "caught ExceptionGroup('unhandled errors in a TaskGroup', [ValueError('bad')]) (ValueError('bad'),)"
            ],
            "3.{minor}"
        );
        let t = model(&example("taskgroups/cancelled_from_outside.py"), minor);
        assert_eq!(prints(&t)[2], "runner cancelled: True");
    }
}

#[test]
fn et1_an_eager_task_runs_its_first_step_inside_create_task() {
    // CPython 3.12, 3.13 and 3.14 (`aiospec run FILE --backend cpython`).
    for minor in 12..=14 {
        let t = model(&example("eager/first_step_in_create_task.py"), minor);
        assert_eq!(
            prints(&t),
            [
                "lazy task done after create_task: False",
                "quick 1 runs in Task-3",
                "eager task done after create_task: True 1",
                "slow 2 first step",
                "back in Task-1 - slow done: False",
                "quick 0 runs in Task-2",
                "slow 2 resumed",
                "[0, 1, 2]"
            ],
            "3.{minor}"
        );
        // Every task the eager factory makes is asked for with eager_start=True.
        let t = model(&example("eager/task_counting.py"), minor);
        assert_eq!(
            prints(&t),
            [
                "lazy awaitables_chain 100 1",
                "lazy recursive_taskgroups None 781",
                "lazy recursive_gather None 781",
                "eager awaitables_chain 100 0",
                "eager recursive_taskgroups None 0",
                "eager recursive_gather None 0"
            ],
            "3.{minor}"
        );
    }
    // A factory's task: named after the factory returns (3.8-3.12, only with a name), named
    // 'None' without one (3.13.0), given name= by the factory (3.14+: a named task takes no
    // Task-N number).
    let names = |minor| prints(&model(&example("loop/task_factory_names.py"), minor));
    assert_eq!(names(12), ["named", "Task-3", "x3"]);
    assert_eq!(names(13), ["named", "None", "x3"]);
    assert_eq!(names(14), ["named", "Task-2", "x3"]);
    let t = model(&example("eager/absent_before_312.py"), 11);
    assert_eq!(
        prints(&t),
        [
            "AttributeError module 'asyncio' has no attribute 'eager_task_factory'",
            "AttributeError module 'asyncio' has no attribute 'create_eager_task_factory'"
        ]
    );
}

#[test]
fn eg1_an_uncaught_group_prints_as_boxes() {
    let t = model(&example("taskgroups/unhandled_group.py"), 12);
    let err = t.stderr();
    assert!(err.starts_with("  + Exception Group Traceback (most recent call last):\n"));
    assert!(err.contains("  | ExceptionGroup: unhandled errors in a TaskGroup (2 sub-exceptions)\n  +-+---------------- 1 ----------------\n    | Traceback (most recent call last):\n"));
    assert!(
        err.ends_with("    | KeyError: 'b'\n    +------------------------------------\n"),
        "{err}"
    );
}
