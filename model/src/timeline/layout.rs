//! Where each mark of a recorded run goes in the picture (issue 17).
//!
//! The x axis is virtual time, but not to scale: each instant gets as many columns as the
//! loop ran callbacks at it, grouped by `_run_once` turn, so that what happened at one
//! instant keeps its order (an asyncio program does most of its work at a handful of
//! instants, and its story is the order of the turns). Lanes are stacked in the order their
//! objects were made, the loop's first; a gather's or wait's lane comes before the children
//! it makes. Each mark kind has its own shape and fill, listed in the legend, so that a
//! reader (and the render test, by pixel colour) can find it.

use crate::lang::num::float::repr as repr_float;
use crate::lang::value::FutId;
use crate::timeline::index::Index;
use crate::timeline::record::{Ending, LaneId, LaneKind, MarkKind, Recorder, SlotKind};
use crate::trace::{Event, Outcome, Trace};

pub use crate::timeline::shapes::{colour, shape_x, Paint, Shape, ShapeKind};

pub const LEFT: f64 = 200.0;
pub const LANE_H: f64 = 28.0;
pub const SLOT_W: f64 = 18.0;
const TURN_GAP: f64 = 4.0;
const INSTANT_GAP: f64 = 26.0;
const FINAL_GAP: f64 = 40.0;
const RIGHT: f64 = 40.0;
const AXIS_H: f64 = 18.0;
/// Lanes beyond which the picture scrolls, and the axis repeats every this many lanes.
pub const LEGIBLE_LANES: usize = 50;
const AXIS_EVERY: usize = 25;
/// Callbacks beyond which the picture is wider than a screen and scrolls sideways.
const WIDE_SLOTS: usize = 400;
pub use crate::timeline::record::MAX_SLOTS;

/// A laid-out timeline.
#[derive(Clone, Debug)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    pub title: String,
    pub summary: Vec<String>,
    /// What the picture says about itself (scrolling, grouping).
    pub notes: Vec<String>,
    pub shapes: Vec<Shape>,
    /// The y of each lane's centre line, by lane id.
    pub lane_y: Vec<f64>,
    /// The left x of each slot's column.
    pub slot_x: Vec<f64>,
}

impl Layout {
    /// The shapes of one class, in drawing order.
    pub fn of_class<'a>(&'a self, class: &'a str) -> impl Iterator<Item = &'a Shape> + 'a {
        self.shapes.iter().filter(move |s| s.class == class)
    }
}

fn fmt_t(t: f64) -> String {
    repr_float(t)
}

/// A short lane label for the left column (the full one is its hover text).
fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(n - 1).collect();
        out.push('…');
        out
    }
}

/// A bold label ending at `x` on the lane at `y`, on a white ground so that the lane's boxes
/// do not cross it.
#[allow(clippy::too_many_arguments)]
fn label_at(
    push: &mut impl FnMut(ShapeKind, Paint, &'static str, Option<String>, Option<usize>),
    x: f64,
    y: f64,
    text: &str,
    fill: &'static str,
    class: &'static str,
    title: String,
    mark: usize,
) {
    let w = 6.8 * text.chars().count() as f64 + 6.0;
    push(
        ShapeKind::Rect {
            x: x - w,
            y: y - 8.0,
            w,
            h: 16.0,
        },
        Paint::fill("#ffffff").with_stroke(fill, 1.0),
        class,
        None,
        None,
    );
    push(
        ShapeKind::Text {
            x: x - 3.0,
            y: y + 4.0,
            text: text.to_string(),
            size: 11.0,
            anchor: "end",
            bold: true,
        },
        Paint::fill(fill),
        class,
        Some(title),
        Some(mark),
    );
}

/// What the run ended with, for the summary line.
fn summary(trace: &Trace, rec: &Recorder) -> Vec<String> {
    let tasks = rec.task_lanes().count();
    let mut first = format!("{tasks} task(s)");
    let gathers = rec
        .lanes
        .iter()
        .filter(|l| matches!(l.kind, LaneKind::Gather { .. }))
        .count();
    let waits = rec
        .lanes
        .iter()
        .filter(|l| matches!(l.kind, LaneKind::Wait { .. }))
        .count();
    if gathers > 0 {
        first.push_str(&format!(", {gathers} gather call(s)"));
    }
    if waits > 0 {
        first.push_str(&format!(", {waits} wait call(s)"));
    }
    for e in &trace.events {
        if let Event::Main { outcome } = e {
            match outcome {
                Outcome::Result(r) => first.push_str(&format!(" · asyncio.run() returned {r}")),
                Outcome::Exception(x) => first.push_str(&format!(" · asyncio.run() raised {x}")),
            }
        }
    }
    let status = trace.exit_status();
    first.push_str(&format!(" · exit status {status}"));
    let reports: Vec<&str> = trace
        .finalization
        .iter()
        .chain(trace.events.iter())
        .filter_map(|e| match e {
            Event::Report { message, .. } => Some(message.as_str()),
            _ => None,
        })
        .collect();
    let second = if reports.is_empty() {
        "nothing reported at exit".to_string()
    } else {
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for m in reports.iter().copied() {
            match counts.iter_mut().find(|(k, _)| *k == m) {
                Some((_, n)) => *n += 1,
                None => counts.push((m, 1)),
            }
        }
        let parts: Vec<String> = counts
            .iter()
            .map(|(m, n)| format!("{n} × \"{m}\""))
            .collect();
        format!("{} report(s): {}", reports.len(), parts.join(", "))
    };
    vec![first, second]
}

/// Lay out a recorded run. `title` heads the picture; `trace` is the run's trace (for the
/// summary: asyncio.run()'s outcome, the reports).
pub fn layout(rec: &Recorder, trace: &Trace, title: &str) -> Layout {
    let nlanes = rec.lanes.len();
    let header = 118.0;
    // Lane y positions, with a repeated axis row every AXIS_EVERY lanes past the legible count.
    let repeat_axis = nlanes > LEGIBLE_LANES;
    let mut lane_y = Vec::with_capacity(nlanes);
    let mut axis_rows = vec![header - AXIS_H / 2.0];
    let mut y = header + LANE_H / 2.0;
    for l in 0..nlanes {
        if repeat_axis && l > 0 && l % AXIS_EVERY == 0 {
            axis_rows.push(y - LANE_H / 2.0 + AXIS_H / 2.0 - 4.0);
            y += AXIS_H;
        }
        lane_y.push(y);
        y += LANE_H;
    }
    let plot_bottom = y - LANE_H / 2.0;

    // Slot x positions: instants, turns, callbacks.
    let mut slot_x = Vec::with_capacity(rec.slots.len());
    let mut instants: Vec<(f64, f64)> = Vec::new(); // (x, t)
    let mut turns: Vec<(f64, f64, u64)> = Vec::new(); // (x start, x end, turn)
    let mut x = LEFT + 10.0;
    let mut final_x = None;
    for (i, s) in rec.slots.iter().enumerate() {
        if i >= MAX_SLOTS && s.kind != SlotKind::Finalization {
            // Not drawn: what refers to it points at the cut.
            slot_x.push(x);
            continue;
        }
        if i == 0 {
            instants.push((x, s.t));
            turns.push((x, x, s.turn));
        } else {
            let prev = &rec.slots[i - 1];
            if s.kind == SlotKind::Finalization {
                x += FINAL_GAP;
                final_x = Some(x);
                turns.push((x, x, u64::MAX));
            } else if s.t.to_bits() != prev.t.to_bits() {
                x += INSTANT_GAP;
                instants.push((x, s.t));
                turns.push((x, x, s.turn));
            } else if s.turn != prev.turn {
                x += TURN_GAP;
                turns.push((x, x, s.turn));
            }
        }
        slot_x.push(x);
        x += SLOT_W;
        if let Some(last) = turns.last_mut() {
            last.1 = x;
        }
    }
    // Wide enough for the title and summary lines (about 8.6 px per character of the title).
    let text_w = 16.0 + 8.6 * title.chars().count() as f64;
    let width = (x + RIGHT).max(LEFT + 520.0).max(text_w);
    let height = plot_bottom + 90.0;
    let last_slot = rec.slots.len().saturating_sub(1);

    let mut shapes: Vec<Shape> = Vec::new();
    let mut push = |kind: ShapeKind,
                    paint: Paint,
                    class: &'static str,
                    title: Option<String>,
                    mark: Option<usize>| {
        shapes.push(Shape {
            kind,
            paint,
            title,
            mark,
            class,
        })
    };
    let top = header;
    // Turn bands (every other turn lightly shaded) and instant guides with their times.
    for (i, (x0, x1, turn)) in turns.iter().enumerate() {
        if i % 2 == 1 && *turn != u64::MAX {
            push(
                ShapeKind::Rect {
                    x: x0 - TURN_GAP / 2.0,
                    y: top,
                    w: x1 - x0 + TURN_GAP,
                    h: plot_bottom - top,
                },
                Paint::fill(colour::TURN_BAND),
                "turn",
                Some(format!("_run_once turn {turn}")),
                None,
            );
        }
    }
    for (x0, t) in &instants {
        push(
            ShapeKind::Line {
                x1: x0 - INSTANT_GAP / 2.0,
                y1: top - AXIS_H,
                x2: x0 - INSTANT_GAP / 2.0,
                y2: plot_bottom,
                arrow: false,
            },
            Paint::stroke(colour::GUIDE, 1.0).dashed(),
            "instant",
            None,
            None,
        );
        for ay in &axis_rows {
            push(
                ShapeKind::Text {
                    x: *x0 - 4.0,
                    y: *ay + 4.0,
                    text: format!("t={}", fmt_t(*t)),
                    size: 11.0,
                    anchor: "start",
                    bold: true,
                },
                Paint::fill(colour::TEXT),
                "axis",
                None,
                None,
            );
        }
    }
    if let Some(fx) = final_x {
        push(
            ShapeKind::Line {
                x1: fx - FINAL_GAP / 2.0,
                y1: top - AXIS_H,
                x2: fx - FINAL_GAP / 2.0,
                y2: plot_bottom,
                arrow: false,
            },
            Paint::stroke("#888888", 1.5).dashed(),
            "exit-line",
            None,
            None,
        );
        for ay in &axis_rows {
            push(
                ShapeKind::Text {
                    x: fx - 6.0,
                    y: *ay + 4.0,
                    text: "at exit".into(),
                    size: 11.0,
                    anchor: "start",
                    bold: true,
                },
                Paint::fill(colour::TEXT),
                "axis",
                None,
                None,
            );
        }
    }

    // Lane labels, guides, and each lane's life from its creation to its end.
    let idx = Index::new(rec);
    let lane_end = |lane: LaneId| -> usize { idx.lane_end[lane].unwrap_or(last_slot) };
    for (l, lane) in rec.lanes.iter().enumerate() {
        let y = lane_y[l];
        let label = lane.label();
        let made_by = if l == 0 {
            "the loop's own callbacks, and code outside the loop (the module, asyncio.run)"
                .to_string()
        } else {
            format!(
                "{label}: made by {} at t={}",
                rec.lanes[lane.parent].label(),
                fmt_t(rec.slots.get(lane.created).map(|s| s.t).unwrap_or(0.0))
            )
        };
        push(
            ShapeKind::Text {
                x: 8.0,
                y: y + 4.0,
                text: short(&label, 28),
                size: 12.0,
                anchor: "start",
                bold: l == 0,
            },
            Paint::fill(colour::TEXT),
            "lane-label",
            Some(made_by),
            None,
        );
        push(
            ShapeKind::Line {
                x1: LEFT,
                y1: y,
                x2: width - RIGHT / 2.0,
                y2: y,
                arrow: false,
            },
            Paint::stroke("#eeeeee", 1.0),
            "lane-guide",
            None,
            None,
        );
        if l > 0 {
            let (s0, s1) = (lane.created, lane_end(l));
            if let (Some(x0), Some(x1)) = (slot_x.get(s0), slot_x.get(s1)) {
                push(
                    ShapeKind::Line {
                        x1: *x0,
                        y1: y,
                        x2: x1 + SLOT_W,
                        y2: y,
                        arrow: false,
                    },
                    Paint::stroke("#8c8c8c", 2.0),
                    "lane-life",
                    Some(format!(
                        "{label}: alive from t={} to t={}",
                        fmt_t(rec.slots[s0].t),
                        fmt_t(rec.slots[s1].t)
                    )),
                    None,
                );
            }
        }
    }

    // What happened in each (slot, lane): hover text of the boxes.
    let in_box = |slot: usize, lane: LaneId| -> Vec<String> {
        let mut lines = Vec::new();
        for m in idx.in_slot(rec, slot).iter().filter(|m| m.lane == lane) {
            match &m.kind {
                MarkKind::Step { throw: Some(e) } => {
                    lines.push(format!("resumed with {e} thrown in"))
                }
                MarkKind::Print { text } => lines.push(format!("print: {text}")),
                MarkKind::Await { label, .. } => lines.push(format!("then awaits {label}")),
                MarkKind::Done { fut, ending } if rec.lane_of(FutId(*fut)) == Some(lane) => lines
                    .push(match ending {
                        Ending::Result(r) => format!("returned {r}"),
                        Ending::Exception(e) => format!("raised {e}"),
                        Ending::Cancelled => "ended cancelled".into(),
                    }),
                _ => {}
            }
        }
        lines
    };

    // Callback boxes.
    for (i, s) in rec.slots.iter().enumerate() {
        if let SlotKind::Callback { lane, what } = &s.kind {
            if !idx.drawn(i) {
                continue;
            }
            let is_step = idx
                .in_slot(rec, i)
                .iter()
                .any(|m| m.lane == *lane && matches!(m.kind, MarkKind::Step { .. }));
            let mut title = format!(
                "{} — {what} at t={}, turn {}",
                rec.lanes[*lane].label(),
                fmt_t(s.t),
                s.turn
            );
            for line in in_box(i, *lane) {
                title.push('\n');
                title.push_str(&line);
            }
            let y = lane_y[*lane];
            push(
                ShapeKind::Rect {
                    x: slot_x[i] + 1.0,
                    y: y - 6.0,
                    w: SLOT_W - 2.0,
                    h: 12.0,
                },
                Paint::fill(if is_step {
                    colour::STEP
                } else {
                    colour::CALLBACK
                }),
                if is_step { "step" } else { "callback" },
                Some(title),
                None,
            );
        }
    }

    // Marks, in the order the run made them.
    let mut prints_at: std::collections::HashMap<(usize, LaneId), usize> = Default::default();
    for (mi, m) in rec.marks.iter().enumerate() {
        if !idx.drawn(m.slot) {
            continue;
        }
        let (Some(&sx), Some(&y)) = (slot_x.get(m.slot), lane_y.get(m.lane)) else {
            continue;
        };
        let cx = sx + SLOT_W / 2.0;
        let t = rec.slots[m.slot].t;
        let here = |lane: LaneId| rec.lanes[lane].label();
        let what = match &rec.slots[m.slot].kind {
            SlotKind::Callback { what, lane } => format!("{} ({what})", here(*lane)),
            SlotKind::Outside => "code outside the loop".into(),
            SlotKind::Finalization => "the finalisers at exit".into(),
        };
        match &m.kind {
            MarkKind::Created => push(
                ShapeKind::Line { x1: sx, y1: y - 8.0, x2: sx, y2: y + 8.0, arrow: false },
                Paint::stroke("#444444", 2.0),
                "created",
                Some(format!("{} made at t={} by {}", here(m.lane), fmt_t(t), what)),
                Some(mi),
            ),
            MarkKind::Step { .. } => {}
            MarkKind::CancelDelivered => push(
                ShapeKind::Rect { x: sx + 1.0, y: y + 6.0, w: 7.0, h: 7.0 },
                Paint::fill(colour::CANCEL_DELIVERED),
                "cancel-delivered",
                Some(format!("{}: CancelledError thrown into the coroutine at t={} (the cancellation delivered)", here(m.lane), fmt_t(t))),
                Some(mi),
            ),
            MarkKind::Await { fut, label } => {
                let target = rec.lane_of(FutId(*fut)).filter(|&l| l != m.lane);
                // The wait lasts until the lane's next step.
                let woke = idx.woke[mi];
                let end_slot = woke.unwrap_or(last_slot);
                let x_end = slot_x.get(end_slot).copied().unwrap_or(sx);
                let title = match woke {
                    Some(s) => format!("{} awaits {label} from t={} until t={}", here(m.lane), fmt_t(t), fmt_t(rec.slots[s].t)),
                    None => format!("{} awaits {label} from t={}, and is never woken", here(m.lane), fmt_t(t)),
                };
                if x_end > sx + SLOT_W {
                    push(
                        ShapeKind::Line { x1: sx + SLOT_W, y1: y, x2: x_end, y2: y, arrow: false },
                        Paint::stroke(colour::AWAIT, 1.5).dashed(),
                        "waiting",
                        Some(title.clone()),
                        None,
                    );
                }
                match target {
                    Some(tl) => {
                        let ty = lane_y[tl];
                        let (y1, y2) = if ty > y { (y + 6.0, ty - 7.0) } else { (y - 6.0, ty + 7.0) };
                        push(
                            ShapeKind::Line { x1: cx, y1, x2: cx, y2, arrow: true },
                            Paint::stroke(colour::AWAIT, 1.2),
                            "await",
                            Some(title),
                            Some(mi),
                        );
                    }
                    None => {
                        // A future without a lane: drawn on the waiting lane where it finished.
                        let done_slot = idx.done_slot.get(fut).copied();
                        let fx = done_slot.and_then(|s| slot_x.get(s).copied()).unwrap_or(x_end);
                        push(
                            ShapeKind::Line { x1: sx + SLOT_W - 1.0, y1: y, x2: fx + SLOT_W / 2.0 - 4.0, y2: y, arrow: true },
                            Paint::stroke(colour::AWAIT, 1.2),
                            "await",
                            Some(title.clone()),
                            Some(mi),
                        );
                        push(
                            ShapeKind::Circle { cx: fx + SLOT_W / 2.0, cy: y, r: 3.5 },
                            Paint::fill("#ffffff").with_stroke(colour::AWAIT, 1.2),
                            "future",
                            Some(match done_slot {
                                Some(s) => format!("{label}, awaited by {}, done at t={}", here(m.lane), fmt_t(rec.slots[s].t)),
                                None => format!("{label}, awaited by {}, never done", here(m.lane)),
                            }),
                            None,
                        );
                    }
                }
            }
            MarkKind::Done { fut, ending } => {
                let own = rec.lane_of(FutId(*fut)) == Some(m.lane);
                if !own {
                    continue;
                }
                let outer = matches!(rec.lanes[m.lane].kind, LaneKind::Gather { .. } | LaneKind::Wait { .. });
                let (fill, edge, class, text) = match ending {
                    Ending::Result(r) => (colour::RESULT, colour::RESULT_EDGE, "returned", format!("returned {r}")),
                    Ending::Exception(e) => (colour::RAISED, colour::RAISED_EDGE, "raised", format!("raised {e}")),
                    Ending::Cancelled => (colour::CANCELLED, colour::CANCELLED_EDGE, "cancelled", "ended cancelled".to_string()),
                };
                if outer {
                    // The outer future finished: a gold diamond, edged with the outcome.
                    let said = rec.marks[mi..]
                        .iter()
                        .take_while(|n| n.slot == m.slot)
                        .find_map(|n| match &n.kind {
                            MarkKind::Returned { text } if n.lane == m.lane => Some(text.clone()),
                            _ => None,
                        });
                    let title = match said {
                        Some(s) => format!("{} done at t={}: {s}", here(m.lane), fmt_t(t)),
                        None => format!("{} done at t={}: {text}", here(m.lane), fmt_t(t)),
                    };
                    let r = 8.0;
                    push(
                        ShapeKind::Polygon { points: vec![(cx, y - r), (cx + r, y), (cx, y + r), (cx - r, y)] },
                        Paint::fill(colour::OUTER_DONE).with_stroke(edge, 2.0),
                        "outer-done",
                        Some(title),
                        Some(mi),
                    );
                } else {
                    push(
                        ShapeKind::Circle { cx: sx + SLOT_W - 2.0, cy: y, r: 5.5 },
                        Paint::fill(fill),
                        class,
                        Some(format!("{} {text} at t={}", here(m.lane), fmt_t(t))),
                        Some(mi),
                    );
                }
            }
            MarkKind::Retrieved { exception, .. } => {
                let by = match &rec.slots[m.slot].kind {
                    SlotKind::Callback { lane, .. } => Some(*lane),
                    _ => None,
                };
                if let Some(b) = by.filter(|b| *b != m.lane) {
                    push(
                        ShapeKind::Line { x1: cx + 3.0, y1: lane_y[b], x2: cx + 3.0, y2: y, arrow: false },
                        Paint::stroke(colour::RETRIEVED, 1.0).dashed(),
                        "retrieved-by",
                        None,
                        None,
                    );
                }
                push(
                    ShapeKind::Rect { x: sx + SLOT_W - 8.0, y: y + 5.0, w: 8.0, h: 8.0 },
                    Paint::fill(colour::RETRIEVED),
                    "retrieved",
                    Some(format!("{exception} of {} retrieved at t={} by {what}: it will not be reported", here(m.lane), fmt_t(t))),
                    Some(mi),
                );
            }
            MarkKind::CancelRequested { by } => {
                if *by != m.lane {
                    push(
                        ShapeKind::Line { x1: cx - 3.0, y1: lane_y[*by], x2: cx - 3.0, y2: y, arrow: false },
                        Paint::stroke(colour::CANCEL_REQUESTED, 1.0).dashed(),
                        "cancel-by",
                        None,
                        None,
                    );
                }
                push(
                    ShapeKind::Polygon { points: vec![(sx + 1.0, y - 13.0), (sx + 11.0, y - 13.0), (sx + 6.0, y - 5.0)] },
                    Paint::fill(colour::CANCEL_REQUESTED),
                    "cancel-requested",
                    Some(format!("cancel() of {} requested at t={} by {what}", here(m.lane), fmt_t(t))),
                    Some(mi),
                );
            }
            MarkKind::Print { text } => {
                let k = prints_at.entry((m.slot, m.lane)).or_insert(0);
                let dx = (*k as f64 * 4.0).min(SLOT_W - 6.0);
                *k += 1;
                push(
                    ShapeKind::Circle { cx: sx + 4.0 + dx, cy: y - 9.5, r: 2.5 },
                    Paint::fill(colour::PRINT),
                    "print",
                    Some(format!("print at t={}: {text}", fmt_t(t))),
                    Some(mi),
                );
            }
            MarkKind::Returned { text } => {
                if matches!(rec.lanes[m.lane].kind, LaneKind::Wait { .. }) {
                    push(
                        ShapeKind::Rect { x: sx + 2.0, y: y - 4.0, w: SLOT_W - 4.0, h: 8.0 },
                        Paint::fill("#ffffff").with_stroke(colour::OUTER_DONE, 2.5),
                        "wait-returned",
                        Some(format!("at t={}: {text}", fmt_t(t))),
                        Some(mi),
                    );
                }
            }
            MarkKind::Report { message, text } => push(
                ShapeKind::Rect { x: sx + 1.0, y: y - 7.0, w: 14.0, h: 14.0 },
                Paint::fill(colour::REPORT),
                "report",
                Some(format!("reported ({message}):\n{text}")),
                Some(mi),
            ),
            // The exit status is in the summary; what asyncio.run() gave is written where it
            // happened, ending at its slot.
            MarkKind::Main { text } if text.starts_with("the program exited") => {}
            // What asyncio.run() gave: a dark disc on the loop's lane where it returned (the
            // text is in the summary line and on hover, so it hides no mark).
            MarkKind::Main { text } => push(
                ShapeKind::Circle {
                    cx,
                    cy: y,
                    r: 6.0,
                },
                Paint::fill(if text.contains("raised") {
                    colour::RAISED_EDGE
                } else {
                    colour::RESULT_EDGE
                })
                .with_stroke("#000000", 1.0),
                "main",
                Some(format!("{text} (t={})", fmt_t(t))),
                Some(mi),
            ),
            MarkKind::Warning { text } => push(
                ShapeKind::Polygon { points: vec![(cx, y - 7.0), (cx + 7.0, y + 6.0), (cx - 7.0, y + 6.0)] },
                Paint::fill(colour::WARNING),
                "warning",
                Some(text.clone()),
                Some(mi),
            ),
            MarkKind::Stuck => label_at(
                &mut push,
                sx + SLOT_W,
                y,
                "stuck: nothing to run, no timer",
                colour::RAISED_EDGE,
                "stuck",
                format!("at t={} nothing is left to run and no timer is set: CPython would block forever", fmt_t(t)),
                mi,
            ),
            MarkKind::Choice { why, order } => push(
                ShapeKind::Circle { cx: sx + SLOT_W - 3.0, cy: y - 10.0, r: 2.5 },
                Paint::fill(colour::CHOICE),
                "choice",
                Some(format!("choice: {why}: took order {order:?}")),
                Some(mi),
            ),
        }
    }

    // The legend, below the lanes.
    let legend: [(&str, &'static str, &'static str); 12] = [
        ("task step", colour::STEP, "rect"),
        ("loop callback", colour::CALLBACK, "rect"),
        ("returned", colour::RESULT, "circle"),
        ("raised", colour::RAISED, "circle"),
        ("cancelled", colour::CANCELLED, "circle"),
        ("gather/wait done", colour::OUTER_DONE, "diamond"),
        ("exception retrieved", colour::RETRIEVED, "rect"),
        ("cancel requested", colour::CANCEL_REQUESTED, "tri"),
        ("cancel delivered", colour::CANCEL_DELIVERED, "rect"),
        ("print (hover)", colour::PRINT, "dot"),
        ("report", colour::REPORT, "rect"),
        ("awaits", colour::AWAIT, "arrow"),
    ];
    let mut lx = 8.0;
    let mut ly = plot_bottom + 30.0;
    for (name, c, shape) in legend {
        let w = 26.0 + 6.5 * name.len() as f64;
        if lx + w > width - 8.0 {
            lx = 8.0;
            ly += 20.0;
        }
        let kind = match shape {
            "circle" => ShapeKind::Circle {
                cx: lx + 6.0,
                cy: ly,
                r: 5.5,
            },
            "dot" => ShapeKind::Circle {
                cx: lx + 6.0,
                cy: ly,
                r: 2.5,
            },
            "diamond" => ShapeKind::Polygon {
                points: vec![
                    (lx + 6.0, ly - 7.0),
                    (lx + 13.0, ly),
                    (lx + 6.0, ly + 7.0),
                    (lx - 1.0, ly),
                ],
            },
            "tri" => ShapeKind::Polygon {
                points: vec![(lx, ly - 5.0), (lx + 12.0, ly - 5.0), (lx + 6.0, ly + 4.0)],
            },
            "arrow" => ShapeKind::Line {
                x1: lx,
                y1: ly,
                x2: lx + 14.0,
                y2: ly,
                arrow: true,
            },
            _ => ShapeKind::Rect {
                x: lx,
                y: ly - 5.0,
                w: 12.0,
                h: 10.0,
            },
        };
        let paint = if shape == "arrow" {
            Paint::stroke(c, 1.2)
        } else {
            Paint::fill(c)
        };
        push(kind, paint, "legend", None, None);
        push(
            ShapeKind::Text {
                x: lx + 18.0,
                y: ly + 4.0,
                text: name.into(),
                size: 11.0,
                anchor: "start",
                bold: false,
            },
            Paint::fill(colour::TEXT),
            "legend",
            None,
            None,
        );
        lx += w;
    }
    let height = height.max(ly + 24.0);

    let mut notes = Vec::new();
    if nlanes - 1 > LEGIBLE_LANES {
        notes.push(format!(
            "{} lanes of tasks, gathers and waits: more than {LEGIBLE_LANES}, so the picture scrolls down; the time axis repeats every {AXIS_EVERY} lanes",
            nlanes - 1
        ));
    }
    if rec.truncated || rec.slots.len() > MAX_SLOTS {
        notes.push(format!(
            "a long run: its first {MAX_SLOTS} callbacks are drawn, then what was reported at exit"
        ));
    }
    if rec.slots.len() > WIDE_SLOTS {
        let turns_n = turns.len();
        notes.push(format!(
            "{} callbacks in {turns_n} turns: the picture is {:.0} px wide and scrolls sideways",
            rec.slots.len(),
            width
        ));
    }
    Layout {
        width,
        height,
        title: title.to_string(),
        summary: summary(trace, rec),
        notes,
        shapes,
        lane_y,
        slot_x,
    }
}
