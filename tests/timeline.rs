//! Timelines (issue 17): the recorder changes nothing about a run, and the layout puts each
//! mark where the program's known behaviour says it is. Expected values come from the seed
//! document (../shared/seed/gather-vs-wait.txt, CPython's own output) and from SPEC's
//! rules, never from the code under test.

mod common;

use aiospec_model::timeline::layout::{shape_x, Layout, Shape, ShapeKind};
use aiospec_model::timeline::{self, svg, LaneKind, MarkKind, Recorder};
use aiospec_model::{load_str, run, Config, FirstChoice, Impl, Program, PyVersion, Trace};

fn draw(p: &Program, minor: u8) -> (Trace, Recorder, Layout) {
    timeline::picture(
        p,
        PyVersion::new(minor),
        Impl::C,
        &Config::default(),
        &mut FirstChoice,
        "test",
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

fn lane_of(l: &Layout, s: &Shape) -> usize {
    let y = match &s.kind {
        ShapeKind::Rect { y, h, .. } => y + h / 2.0,
        ShapeKind::Circle { cy, .. } => *cy,
        ShapeKind::Polygon { points } => {
            points.iter().map(|p| p.1).sum::<f64>() / points.len() as f64
        }
        ShapeKind::Line { y1, .. } => *y1,
        ShapeKind::Text { y, .. } => *y,
    };
    l.lane_y
        .iter()
        .enumerate()
        .min_by(|a, b| (a.1 - y).abs().total_cmp(&(b.1 - y).abs()))
        .map(|(i, _)| i)
        .expect("lanes")
}

/// The recorder only reads: every program of the corpus gives the same trace, byte for byte,
/// with and without it (on each version it targets among 3.8, 3.12 and 3.14).
#[test]
fn recording_changes_no_run() {
    let files = aiospec::check::collect_files(&[common::root().join("examples")]).expect("corpus");
    let mut compared = 0;
    for f in &files {
        let p = aiospec_model::load_file(f).unwrap_or_else(|e| panic!("{e}"));
        for minor in [8, 12, 14] {
            let v = PyVersion::new(minor);
            if !p.meta.python.contains(&v) {
                continue;
            }
            let plain = run(&p, v);
            let drawn =
                aiospec_model::run_recorded(&p, v, Impl::C, &Config::default(), &mut FirstChoice);
            match (plain, drawn) {
                (Ok(a), Ok((b, _))) => assert_eq!(
                    a.to_json_lines(),
                    b.to_json_lines(),
                    "{} on {v}: recording changed the run",
                    f.display()
                ),
                (Err(a), Err(b)) => assert_eq!(a, b, "{}", f.display()),
                (a, b) => panic!("{} on {v}: {a:?} vs {:?}", f.display(), b.map(|x| x.0)),
            }
            compared += 1;
        }
    }
    assert!(compared > 300, "{compared} runs compared");
}

/// One lane per task, per gather call, plus the loop's: seed (a) on 3.12 makes main, its ten
/// children and asyncio.run's two shutdown coroutines (`shutdown_asyncgens`,
/// `shutdown_default_executor`, SPEC X2), and two gathers (main's, and the one
/// `_cancel_all_tasks` makes of the eight children still sleeping).
#[test]
fn x2_lanes_one_per_task_and_gather_plus_the_loop() {
    let (_, rec, l) = draw(&common::example("seed/a_gather.py"), 12);
    let tasks = rec.task_lanes().count();
    let gathers = rec
        .lanes
        .iter()
        .filter(|x| matches!(x.kind, LaneKind::Gather { .. }))
        .count();
    assert_eq!((tasks, gathers), (13, 2));
    assert_eq!(rec.lanes.len(), 1 + 13 + 2);
    assert_eq!(l.lane_y.len(), rec.lanes.len());
    // Lanes are drawn top to bottom in the order their objects were made.
    assert!(l.lane_y.windows(2).all(|w| w[0] < w[1]));
    assert!(l.notes.is_empty(), "{:?}", l.notes);
}

/// Prints are drawn in the order the program printed them (CPython's order, from the seed
/// document), left to right, each with its text on hover.
#[test]
fn g4_prints_left_to_right_in_the_order_printed() {
    let (_, _, l) = draw(&common::example("seed/b_gather_run_forever.py"), 8);
    let prints: Vec<(f64, String)> = l
        .of_class("print")
        .map(|s| (shape_x(s), s.title.clone().unwrap_or_default()))
        .collect();
    let want = [
        "0 ok",
        "1 crashed!",
        "2 ok",
        "3 crashed!",
        "4 ok",
        "5 crashed!",
        "6 ok",
        "7 crashed!",
        "8 ok",
        "9 crashed!",
    ];
    assert_eq!(prints.len(), want.len());
    for (i, w) in want.iter().enumerate() {
        assert!(prints[i].1.ends_with(&format!(": {w}")), "{:?}", prints[i]);
        if i > 0 {
            assert!(
                prints[i - 1].0 < prints[i].0,
                "{:?} not left of {:?}",
                prints[i - 1],
                prints[i]
            );
        }
    }
    // The marks are laid out in the order the run made them: a mark's column never comes
    // before an earlier mark's.
    let mut marked: Vec<(usize, f64)> = l
        .shapes
        .iter()
        .filter(|s| s.mark.is_some() && s.class != "await" && s.class != "main")
        .map(|s| (s.mark.unwrap_or(0), shape_x(s)))
        .collect();
    marked.sort_by_key(|m| m.0);
    let slot_of = |x: f64| l.slot_x.iter().rposition(|&sx| sx <= x + 0.5).unwrap_or(0);
    assert!(
        marked
            .windows(2)
            .all(|w| slot_of(w[0].1) <= slot_of(w[1].1)),
        "marks out of order"
    );
}

/// Seed (b): gather's outer future is done at t=1, when the first exception reaches it
/// (G2), while the eight children left keep running to t=9: the diamond is left of every
/// later child's end, and each late exception is retrieved by gather's callback (G4), so
/// only main's is reported at exit (R6).
#[test]
fn g2_outer_done_while_siblings_run_on() {
    let (_, rec, l) = draw(&common::example("seed/b_gather_run_forever.py"), 8);
    let outer: Vec<&Shape> = l.of_class("outer-done").collect();
    assert_eq!(outer.len(), 1);
    let gx = shape_x(outer[0]);
    let title = outer[0].title.as_deref().unwrap_or_default();
    assert!(
        title.contains("t=1.0") && title.contains("raised ValueError()"),
        "{title}"
    );
    let children: Vec<usize> = rec
        .task_lanes()
        .filter(|&i| rec.lanes[i].label().contains("a_flaky_tsk("))
        .collect();
    assert_eq!(children.len(), 10);
    let ends: Vec<f64> = l
        .shapes
        .iter()
        .filter(|s| s.class == "returned" || s.class == "raised")
        .filter(|s| children.contains(&lane_of(&l, s)))
        .map(shape_x)
        .collect();
    // Children 2..9 end after the outer future: eight ends right of the diamond.
    assert_eq!(ends.len(), 10);
    assert_eq!(ends.iter().filter(|&&x| x > gx).count(), 8, "{ends:?}");
    let reports: Vec<&Shape> = l.of_class("report").collect();
    assert_eq!(reports.len(), 1);
    let main_lane = rec
        .task_lanes()
        .find(|&i| rec.lanes[i].label().ends_with("main()"))
        .expect("main's lane");
    assert_eq!(lane_of(&l, reports[0]), main_lane);
    // Every child's exception is retrieved by gather's callback, on the child's lane: 1's as
    // it completes the outer future, the late ones (3, 5, 7, 9) in later columns.
    let slot_of = |x: f64| l.slot_x.iter().rposition(|&sx| sx <= x + 0.5).unwrap_or(0);
    let retrieved: Vec<usize> = l
        .of_class("retrieved")
        .filter(|s| children.contains(&lane_of(&l, s)))
        .map(|s| slot_of(shape_x(s)))
        .collect();
    assert_eq!(retrieved.len(), 5);
    assert_eq!(retrieved.iter().filter(|&&s| s > slot_of(gx)).count(), 4);
}

/// Seed (c) on 3.10: wait() retrieves nothing; the five exceptions are reported at exit,
/// right of everything else, one on each failing child's lane (W6, R6).
#[test]
fn r6_five_reports_at_exit_after_wait() {
    let (_, rec, l) = draw(&common::example("seed/c_wait.py"), 10);
    let reports: Vec<&Shape> = l.of_class("report").collect();
    assert_eq!(reports.len(), 5);
    let last_step = l.of_class("step").map(shape_x).fold(0.0, f64::max);
    let mut lanes: Vec<String> = reports
        .iter()
        .map(|r| {
            assert!(shape_x(r) > last_step);
            rec.lanes[lane_of(&l, r)].label()
        })
        .collect();
    lanes.sort();
    let want: Vec<String> = [1, 3, 5, 7, 9]
        .iter()
        .map(|i| format!("Task-{} a_flaky_tsk({i})", i + 2))
        .collect();
    let mut want = want;
    want.sort();
    assert_eq!(lanes, want);
    assert_eq!(l.of_class("retrieved").count(), 0);
    assert!(l.summary[1].starts_with("5 report(s)"), "{:?}", l.summary);
}

/// Seed (e): gather(return_exceptions=True) retrieves all five exceptions when the last child
/// is done (G3, R3), and nothing is reported.
#[test]
fn g3_nothing_reported_with_return_exceptions() {
    let (_, _, l) = draw(&common::example("seed/e_gather_return_exceptions.py"), 12);
    assert_eq!(l.of_class("report").count(), 0);
    let retrieved: Vec<f64> = l.of_class("retrieved").map(shape_x).collect();
    assert_eq!(retrieved.len(), 5);
    let outer = l
        .of_class("outer-done")
        .map(shape_x)
        .next()
        .expect("gather done");
    // All in the callback that completes the outer future, at t=9.
    assert!(retrieved
        .iter()
        .all(|&x| (x - retrieved[0]).abs() < 20.0 && x <= outer + 20.0));
    assert_eq!(l.summary[1], "nothing reported at exit");
}

/// A cancellation is drawn where it is requested (by main, at t=1) and where it is
/// delivered (the CancelledError thrown into the sleeper at its next step, T4, T6).
#[test]
fn t6_cancel_requested_then_delivered() {
    let p = load_str(
        "import asyncio\n\nasync def sleeper():\n    await asyncio.sleep(10)\n\nasync def main():\n    t = asyncio.create_task(sleeper())\n    await asyncio.sleep(1)\n    t.cancel()\n    try:\n        await t\n    except asyncio.CancelledError:\n        print('cancelled')\n\nasyncio.run(main())\n",
        "cancel.py",
    )
    .expect("loads");
    let (trace, rec, l) = draw(&p, 12);
    assert_eq!(trace.stdout(false), "cancelled\n");
    let sleeper = rec
        .task_lanes()
        .find(|&i| rec.lanes[i].label() == "Task-2 sleeper()")
        .expect("sleeper's lane");
    let req: Vec<&Shape> = l
        .of_class("cancel-requested")
        .filter(|s| lane_of(&l, s) == sleeper)
        .collect();
    let del: Vec<&Shape> = l.of_class("cancel-delivered").collect();
    assert_eq!((req.len(), del.len()), (1, 1));
    assert_eq!(lane_of(&l, del[0]), sleeper);
    assert!(shape_x(req[0]) < shape_x(del[0]));
    assert!(req[0]
        .title
        .as_deref()
        .unwrap_or_default()
        .contains("by Task-1 main()"));
    let cancelled: Vec<&Shape> = l.of_class("cancelled").collect();
    assert_eq!(cancelled.len(), 1);
    assert_eq!(lane_of(&l, cancelled[0]), sleeper);
    // The recorder saw the delivery as a CancelledError thrown in.
    assert!(rec.marks.iter().any(|m| m.lane == sleeper
        && matches!(&m.kind, MarkKind::Step { throw: Some(e) } if e.starts_with("CancelledError"))));
}

/// The SVG is well-formed XML, whatever the program prints (markup, quotes, control
/// characters), and hover texts carry the prints.
#[test]
fn svg_is_xml_and_escapes_what_programs_print() {
    let p = load_str(
        "import asyncio\n\nasync def main():\n    print('<b>&\"quoted\"</b> \\x01 ]]>')\n\nasyncio.run(main())\n",
        "markup.py",
    )
    .expect("loads");
    let (_, _, l) = draw(&p, 12);
    let doc = svg::svg_document(&l);
    let xml = roxmltree::Document::parse(&doc).unwrap_or_else(|e| panic!("{e}\n{doc}"));
    let titles: Vec<&str> = xml
        .descendants()
        .filter(|n| n.has_tag_name("title"))
        .filter_map(|n| n.text())
        .collect();
    assert!(
        titles
            .iter()
            .any(|t| t.contains("<b>&\"quoted\"</b>") && t.contains("]]>")),
        "{titles:?}"
    );
    for f in [
        "seed/a_gather.py",
        "seed/c_wait_tasks.py",
        "wait/timeout_expires.py",
    ] {
        let (_, _, l) = draw(&common::example(f), 12);
        let doc = svg::svg_document(&l);
        roxmltree::Document::parse(&doc).unwrap_or_else(|e| panic!("{f}: {e}"));
    }
}

/// 50 tasks are drawn plainly; past 50 the picture scrolls and says so (issue 17).
#[test]
fn many_tasks_scroll_and_say_so() {
    let prog = |n: usize| {
        load_str(
            &format!("import asyncio\n\nasync def w(i):\n    await asyncio.sleep(i / 10)\n\nasync def main():\n    await asyncio.gather(*[w(i) for i in range({n})])\n\nasyncio.run(main())\n"),
            "many.py",
        )
        .expect("loads")
    };
    // main, n children, asyncio.run's two shutdown tasks and gather#1: n + 4 lanes, and the
    // loop's.
    let (_, rec, l) = draw(&prog(46), 12);
    assert_eq!(rec.lanes.len(), 51);
    assert!(l.notes.is_empty(), "{:?}", l.notes);
    let (_, rec, l) = draw(&prog(120), 12);
    assert_eq!(rec.lanes.len(), 125);
    assert!(
        l.notes
            .iter()
            .any(|n| n.contains("124 lanes") && n.contains("scrolls")),
        "{:?}",
        l.notes
    );
    // The time axis repeats: "t=0.0" once per 25 lanes.
    let axis = l
        .shapes
        .iter()
        .filter(|s| {
            s.class == "axis" && matches!(&s.kind, ShapeKind::Text { text, .. } if text == "t=0.0")
        })
        .count();
    assert_eq!(axis, 5);
    let doc = svg::svg_document(&l);
    assert!(doc.contains("124 lanes"));
}

/// A long run is drawn up to `MAX_SLOTS` callbacks, then its exit, and the picture says so;
/// the report at exit is still drawn (R6), and the SVG stays small.
#[test]
fn r6_long_run_is_cut_and_says_so() {
    let p = load_str(
        "import asyncio\n\nasync def spin():\n    for i in range(20000):\n        await asyncio.sleep(0)\n\nasync def boom():\n    raise ValueError('late')\n\nasync def main():\n    t = asyncio.create_task(boom())\n    await spin()\n\nasyncio.run(main())\n",
        "long.py",
    )
    .expect("loads");
    let (trace, rec, l) = draw(&p, 12);
    assert_eq!(
        trace.finalization.len(),
        1,
        "one report: {:?}",
        trace.finalization
    );
    assert!(rec.truncated);
    assert!(rec.slots.len() <= timeline::layout::MAX_SLOTS + 1);
    assert!(
        l.notes.iter().any(|n| n.contains("long run")),
        "{:?}",
        l.notes
    );
    assert_eq!(l.of_class("report").count(), 1);
    let doc = svg::svg_document(&l);
    assert!(doc.len() < 8 << 20, "{} bytes", doc.len());
}

/// wait_for's timeout on 3.12 (`asyncio.timeout()` inside the waiting task): at t=0.5 the
/// loop's `Timeout._on_timeout` requests the cancellation of main itself, which is delivered
/// at main's next step (WF2); before 3.12 a task runs the coroutine, and it is that task
/// that `wait_for` cancels.
#[test]
fn wf2_timeout_cancels_where_the_version_runs_the_coroutine() {
    let p = common::example("wait_for/timeout_expires.py");
    for (minor, target) in [(12, "Task-1 main()"), (11, "Task-2 loud('a', 1)")] {
        let (trace, rec, l) = draw(&p, minor);
        assert_eq!(trace.stdout(false), "a cancelled\ncaught TimeoutError()\n");
        let lane = (0..rec.lanes.len())
            .find(|&i| rec.lanes[i].label() == target)
            .unwrap_or_else(|| panic!("no lane {target} on 3.{minor}"));
        let req: Vec<&Shape> = l
            .of_class("cancel-requested")
            .filter(|s| lane_of(&l, s) == lane)
            .collect();
        let del: Vec<&Shape> = l
            .of_class("cancel-delivered")
            .filter(|s| lane_of(&l, s) == lane)
            .collect();
        assert_eq!((req.len(), del.len()), (1, 1), "3.{minor}");
        assert!(shape_x(req[0]) < shape_x(del[0]));
        let title = req[0].title.as_deref().unwrap_or_default();
        assert!(title.contains("at t=0.5"), "{title}");
    }
}
