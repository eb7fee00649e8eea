//! asyncio's own Python frames, as tracebacks show them: which line of which file of each
//! CPython an exception passes through on its way out of asyncio's code
//! (`model/data/stdlib_frames.txt`, generated from the installed interpreters' sources by
//! `oracle/gen_stdlib_frames.py`). The model follows the patch releases installed here.

use std::sync::OnceLock;

use crate::lang::traceback::TbEntry;
use crate::lang::value::Exc;
use crate::runtime::Runtime;

static DATA: &str = include_str!("../../data/stdlib_frames.txt");

/// One frame: (minor, key, file, line, col, end_col, function, source lines). An instruction
/// that spans lines has them all, separated by `\n` (written `\\n` in the data file); `col`
/// is on the first, `end_col` on the last.
type Row = (
    u8,
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
            out.push((
                num(f[0]) as u8,
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
        let minor = self.v.minor();
        rows()
            .iter()
            .find(|r| r.0 == minor && r.1 == key)
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
}
