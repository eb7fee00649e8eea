//! asyncio's own Python frames, as tracebacks show them: which line of which file of each
//! CPython an exception passes through on its way out of asyncio's code
//! (`model/data/stdlib_frames.txt`, generated from the installed interpreters' sources by
//! `oracle/gen_stdlib_frames.py`). The model follows the patch releases installed here.

use std::sync::OnceLock;

use crate::lang::exceptions::E;
use crate::lang::traceback::TbEntry;
use crate::lang::value::Exc;
use crate::runtime::Runtime;

static DATA: &str = include_str!("../../data/stdlib_frames.txt");

/// One frame: (version, key, file, line, col, end_col, function, source lines). The version
/// is a minor number (`12`) or, where the model follows two patch releases, minor.patch
/// (`14.8`). An instruction that spans lines has them all, separated by `\n` (written `\\n`
/// in the data file); `col` is on the first, `end_col` on the last.
type Row = (
    (u8, Option<u8>),
    &'static str,
    &'static str,
    u32,
    u32,
    u32,
    &'static str,
    String,
);

fn rows() -> &'static Vec<Row> {
    static R: OnceLock<Vec<Row>> = OnceLock::new();
    R.get_or_init(|| {
        let mut out = Vec::new();
        for line in DATA.lines() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let Some((head, text)) = line.split_once(" | ") else {
                continue;
            };
            let f: Vec<&'static str> = head.split(' ').collect();
            if f.len() != 7 {
                continue;
            }
            let num = |s: &str| s.parse::<u32>().unwrap_or(0);
            let version = match f[0].split_once('.') {
                Some((m, p)) => (num(m) as u8, Some(num(p) as u8)),
                None => (num(f[0]) as u8, None),
            };
            out.push((
                version,
                f[1],
                f[2],
                num(f[3]),
                num(f[4]),
                num(f[5]),
                f[6],
                text.replace("\\n", "\n"),
            ));
        }
        out
    })
}

impl Runtime<'_> {
    /// The traceback entry of asyncio's frame `key` on this version (`runners.run`).
    pub fn stdlib_frame(&self, key: &str) -> Option<TbEntry> {
        let (minor, patch) = (self.v.minor(), self.v.patch());
        rows()
            .iter()
            .find(|r| r.0 .0 == minor && r.0 .1.is_none_or(|p| p == patch) && r.1 == key)
            .map(|r| TbEntry::Stdlib {
                file: r.2,
                line: r.3,
                func: r.6,
                text: r.7.as_str(),
                cols: (r.4, r.5),
            })
    }

    /// An exception leaves asyncio's frame `key`: it gains that traceback entry.
    pub fn through_stdlib(&self, e: &Exc, key: &str) {
        if let Some(entry) = self.stdlib_frame(key) {
            e.exc_mut().traceback.push(entry);
        }
    }

    /// `RuntimeError('Event loop is closed')` from `BaseEventLoop._check_closed`, called by
    /// the loop's method `via` (`run_until_complete`, `run_forever`, `call_soon`, `call_at`,
    /// `call_later`, `create_task`), with the frames CPython's traceback shows (SPEC X8).
    pub fn loop_closed_error(&mut self, via: &str) -> Exc {
        let mut keys = vec!["base_events._check_closed".to_string()];
        keys.extend(self.loop_check_callers(via, "check_closed"));
        self.stdlib_error(E::RuntimeError, "Event loop is closed", &keys)
    }

    /// `RuntimeError('This event loop is already running')` from
    /// `BaseEventLoop._check_running`, called by `run_until_complete` or `run_forever`
    /// (SPEC X8).
    pub fn loop_running_error(&mut self, via: &str) -> Exc {
        let mut keys = vec!["base_events._check_running.running".to_string()];
        keys.extend(self.loop_check_callers(via, "check_running"));
        self.stdlib_error(E::RuntimeError, "This event loop is already running", &keys)
    }

    /// The frames between a loop method `via` and its `self._check_closed()` /
    /// `self._check_running()` (`check`), innermost first: 3.13+'s `run_forever` checks in
    /// `_run_forever_setup`; `call_later` goes through `call_at`.
    fn loop_check_callers(&self, via: &str, check: &str) -> Vec<String> {
        match via {
            "run_forever" if self.stdlib_frame("base_events.run_forever.setup").is_some() => vec![
                format!("base_events._run_forever_setup.{check}"),
                "base_events.run_forever.setup".to_string(),
            ],
            "call_later" => vec![
                format!("base_events.call_at.{check}"),
                "base_events.call_later.call_at".to_string(),
            ],
            _ => vec![format!("base_events.{via}.{check}")],
        }
    }

    /// An exception raised by asyncio's Python code: `keys` are the frames it leaves, innermost
    /// first.
    pub fn stdlib_error<K: AsRef<str>>(&mut self, e: E, msg: &str, keys: &[K]) -> Exc {
        let x = self.err(e, msg);
        for k in keys {
            self.through_stdlib(&x, k.as_ref());
        }
        x
    }
}
