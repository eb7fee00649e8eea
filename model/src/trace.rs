//! Traces: what a program observably did, as CPython-like text and as JSON lines.
//!
//! A trace has two parts. `events` are ordered: prints with their virtual time, what each
//! gather and wait returned, the program's end. `finalization` holds what CPython emits from
//! finalisers and the exception handler (retrieval reports, warnings, output printed while a
//! pending coroutine is closed): when those fire depends on memory management, so they compare
//! as a multiset (SPEC R7), and the JSON form lists them sorted.

use serde::{Deserialize, Serialize};

use crate::lang::num::float::repr as repr_float;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// `repr()` of the value returned.
    Result(String),
    /// `repr()` of the exception raised.
    Exception(String),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "lowercase")]
pub enum Event {
    /// `print(...)` output, one event per call: the text, and `end` when it is not "\n".
    Print {
        t: f64,
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        end: Option<String>,
    },
    /// A gather's outer future completed (ids count gather calls from 1). `shutdown` marks
    /// the gather `asyncio.run` makes of the tasks it cancels on the way out (SPEC X2).
    Gather {
        id: usize,
        t: f64,
        outcome: Outcome,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        shutdown: bool,
    },
    /// A call of `asyncio.wait` returned (done, pending), or raised.
    Wait {
        id: usize,
        t: f64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        done: Option<Vec<String>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pending: Option<Vec<String>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        exception: Option<String>,
    },
    /// What `asyncio.run(main())` returned or raised.
    Main { outcome: Outcome },
    /// Nothing was ready and no timer was left: real CPython would block forever here.
    Stuck { t: f64 },
    /// The loop finished (virtual time at the end).
    End { t: f64 },
    /// The loop's exception handler was called (`Task exception was never retrieved`, ...):
    /// the message, the future's label, the exception's repr, and the text the default
    /// handler logs (its repr of the future and the traceback).
    Report {
        message: String,
        future: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        exception: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        text: Option<String>,
    },
    /// The program ended: what the interpreter printed to stderr as it did (the traceback of
    /// an exception that escaped, or a `sys.exit("message")`'s message) and the process's
    /// exit status (1 for an uncaught exception, `sys.exit`'s code, 130 for an uncaught
    /// KeyboardInterrupt from 3.8, which exits through SIGINT).
    Exit {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        traceback: Option<String>,
        #[serde(default, skip_serializing_if = "is_zero")]
        status: i64,
    },
    /// A warning was emitted (category name and message).
    Warning { category: String, message: String },
}

fn is_zero(n: &i64) -> bool {
    *n == 0
}

impl Event {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("events serialize")
    }
}

/// The observable behaviour of one run.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Trace {
    pub events: Vec<Event>,
    pub finalization: Vec<Event>,
}

impl Trace {
    /// Round every event's time to the nearest multiple of `1 / per_second` s.
    pub fn round_times(&mut self, per_second: f64) {
        for e in self.events.iter_mut().chain(self.finalization.iter_mut()) {
            match e {
                Event::Print { t, .. }
                | Event::Gather { t, .. }
                | Event::Wait { t, .. }
                | Event::Stuck { t }
                | Event::End { t } => *t = (*t * per_second).round() / per_second,
                Event::Main { .. }
                | Event::Report { .. }
                | Event::Warning { .. }
                | Event::Exit { .. } => {}
            }
        }
    }

    /// Sort the finalisation events into their canonical (multiset) order.
    pub fn normalize(&mut self) {
        self.finalization.sort_by_key(|e| e.to_json());
    }

    /// The trace as JSON lines: ordered events, then a `{"event":"finalization"}` marker, then
    /// the finalisation multiset in sorted order. Two traces agree iff these strings are equal.
    pub fn to_json_lines(&self) -> String {
        let mut fin: Vec<String> = self.finalization.iter().map(Event::to_json).collect();
        fin.sort();
        let mut out = String::new();
        for e in &self.events {
            out.push_str(&e.to_json());
            out.push('\n');
        }
        out.push_str("{\"event\":\"finalization\"}\n");
        for line in fin {
            out.push_str(&line);
            out.push('\n');
        }
        out
    }

    /// Parse the JSON-lines form (as the oracle emits it).
    pub fn from_json_lines(text: &str) -> Result<Trace, String> {
        let mut t = Trace::default();
        let mut in_final = false;
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            if line.trim() == "{\"event\":\"finalization\"}" {
                in_final = true;
                continue;
            }
            let e: Event = serde_json::from_str(line)
                .map_err(|err| format!("trace line {}: {err}: {line}", i + 1))?;
            if in_final {
                t.finalization.push(e);
            } else {
                t.events.push(e);
            }
        }
        t.normalize();
        Ok(t)
    }

    /// What the program writes to stdout: its prints (with virtual times and the
    /// combinators' results as `#` lines when `verbose`).
    pub fn stdout(&self, verbose: bool) -> String {
        let mut out = String::new();
        let stamp = |t: f64| format!("[t={}] ", repr_float(t));
        for e in self.events.iter().chain(self.finalization.iter()) {
            match e {
                Event::Print { t, text, end } => {
                    if verbose {
                        out.push_str(&stamp(*t));
                    }
                    out.push_str(text);
                    out.push_str(end.as_deref().unwrap_or("\n"));
                }
                Event::Gather { id, t, outcome, .. } if verbose => {
                    let what = match outcome {
                        Outcome::Result(r) => format!("returned {r}"),
                        Outcome::Exception(e) => format!("raised {e}"),
                    };
                    out.push_str(&format!("{}# gather#{id} {what}\n", stamp(*t)));
                }
                Event::Wait {
                    id,
                    t,
                    done,
                    pending,
                    exception,
                } if verbose => match exception {
                    Some(e) => out.push_str(&format!("{}# wait#{id} raised {e}\n", stamp(*t))),
                    None => out.push_str(&format!(
                        "{}# wait#{id} returned done={{{}}} pending={{{}}}\n",
                        stamp(*t),
                        done.as_deref().unwrap_or_default().join(", "),
                        pending.as_deref().unwrap_or_default().join(", ")
                    )),
                },
                Event::Main {
                    outcome: Outcome::Result(r),
                } if verbose => {
                    out.push_str(&format!("# asyncio.run() returned {r}\n"));
                }
                Event::End { t } if verbose => {
                    out.push_str(&format!("# loop finished at t={}\n", repr_float(*t)));
                }
                _ => {}
            }
        }
        out
    }

    /// What the program writes to stderr: the traceback of an exception that escaped it,
    /// then what finalisers and the exception handler log (in the order the model emits
    /// them: at the end, see SPEC R7).
    pub fn stderr(&self) -> String {
        let mut out = String::new();
        for e in self.events.iter().chain(self.finalization.iter()) {
            match e {
                Event::Exit {
                    traceback: Some(tb),
                    ..
                } => out.push_str(tb),
                Event::Stuck { t } => {
                    out.push_str(&format!(
                        "aiospec: at t={}, nothing is left to run and no timer is set: CPython would block here forever\n",
                        repr_float(*t)
                    ));
                }
                Event::Report {
                    message,
                    future,
                    exception,
                    text,
                } => match text {
                    Some(t) => {
                        out.push_str(t);
                        out.push('\n');
                    }
                    None => {
                        out.push_str(message);
                        out.push('\n');
                        match exception {
                            Some(e) => out.push_str(&format!("future: <{future}> exception={e}\n")),
                            None => out.push_str(&format!("future: <{future}>\n")),
                        }
                    }
                },
                Event::Warning { category, message } => {
                    out.push_str(&format!("sys:1: {category}: {message}\n"));
                }
                _ => {}
            }
        }
        out
    }

    /// stdout then stderr, as one text.
    pub fn to_text(&self, verbose: bool) -> String {
        let mut s = self.stdout(verbose);
        s.push_str(&self.stderr());
        s
    }

    /// The exit status the interpreter gives (0 when the program did not end, as when the
    /// model stopped a loop that would block forever).
    pub fn exit_status(&self) -> i64 {
        self.events
            .iter()
            .find_map(|e| match e {
                Event::Exit { status, .. } => Some(*status),
                _ => None,
            })
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finalization_compares_as_multiset() {
        let a = Event::Warning {
            category: "W".into(),
            message: "a".into(),
        };
        let b = Event::Warning {
            category: "W".into(),
            message: "b".into(),
        };
        let t1 = Trace {
            events: vec![],
            finalization: vec![a.clone(), b.clone()],
        };
        let t2 = Trace {
            events: vec![],
            finalization: vec![b, a],
        };
        assert_eq!(t1.to_json_lines(), t2.to_json_lines());
    }
}

/// How strictly another implementation's trace must match the model's (SPEC C1–C3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// C1: every ordered event equal, in order; the finalisation multiset equal.
    TraceExact,
    /// C2: what the combinators decide: at each virtual instant, the same multiset of gather
    /// and wait outcomes; the same end time and result; the same multiset of reports.
    DecisionExact,
    /// C3: the program's result and its multiset of reports.
    OutcomeExact,
}

impl Trace {
    /// The trace without what only CPython's own text shows (tracebacks, the logged
    /// report text): what another implementation of asyncio's semantics is held to.
    pub fn without_texts(&self) -> Trace {
        let mut t = self.without_tracebacks();
        t.events.retain(|e| !matches!(e, Event::Exit { .. }));
        t.finalization.retain(|e| !matches!(e, Event::Exit { .. }));
        t
    }

    /// The trace with the traceback texts taken out (of reports and of the exit), the exit
    /// status kept: what is compared for CPython's pure-Python Task, whose tracebacks also
    /// show the frames of `tasks.py` and `futures.py` that the C Task does not have.
    pub fn without_tracebacks(&self) -> Trace {
        let strip = |es: &[Event]| -> Vec<Event> {
            es.iter()
                .map(|e| match e {
                    Event::Report {
                        message,
                        future,
                        exception,
                        ..
                    } => Event::Report {
                        message: message.clone(),
                        future: future.clone(),
                        exception: exception.clone(),
                        text: None,
                    },
                    Event::Exit { status, .. } => Event::Exit {
                        traceback: None,
                        status: *status,
                    },
                    other => other.clone(),
                })
                .collect()
        };
        let mut t = Trace {
            events: strip(&self.events),
            finalization: strip(&self.finalization),
        };
        t.normalize();
        t
    }

    /// Does `other` (another implementation's trace) conform to `self` (the model's) at
    /// `level`? Texts only CPython writes are not compared (`without_texts`).
    pub fn conforms(&self, other: &Trace, level: Level) -> bool {
        let (a, b) = (self.without_texts(), other.without_texts());
        let (s, o) = (&a, &b);
        match level {
            Level::TraceExact => s.to_json_lines() == o.to_json_lines(),
            Level::DecisionExact => by_instant(s) == by_instant(o) && reports(s) == reports(o),
            Level::OutcomeExact => {
                let main = |t: &Trace| {
                    t.events
                        .iter()
                        .find(|e| matches!(e, Event::Main { .. }))
                        .map(Event::to_json)
                };
                main(s) == main(o) && reports(s) == reports(o)
            }
        }
    }
}

/// The exception handler's reports, as a sorted multiset.
fn reports(t: &Trace) -> Vec<String> {
    let r: Vec<Event> = t
        .finalization
        .iter()
        .filter(|e| matches!(e, Event::Report { .. }))
        .cloned()
        .collect();
    sorted(&r)
}

fn sorted(events: &[Event]) -> Vec<String> {
    let mut v: Vec<String> = events.iter().map(Event::to_json).collect();
    v.sort();
    v
}

/// Events grouped by the instant they happened at (events without a time belong to the
/// instant before them), each group sorted.
fn by_instant(t: &Trace) -> Vec<(u64, Vec<String>)> {
    let mut out: Vec<(u64, Vec<String>)> = Vec::new();
    let mut now = 0.0f64;
    for e in &t.events {
        match e {
            Event::Gather { t, .. }
            | Event::Wait { t, .. }
            | Event::Stuck { t }
            | Event::End { t } => now = *t,
            // Prints are the program's output, not the combinators' decisions.
            Event::Print { .. } => continue,
            _ => {}
        }
        let key = now.to_bits();
        match out.last_mut() {
            Some((k, v)) if *k == key => v.push(e.to_json()),
            _ => out.push((key, vec![e.to_json()])),
        }
    }
    for (_, v) in &mut out {
        v.sort();
    }
    out
}
