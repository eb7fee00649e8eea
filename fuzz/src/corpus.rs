//! The corpus (`examples/**/*.py`) and the vocabulary drawn from it: its lines, its tokens
//! by kind, and which token follows which (for valid-looking random programs).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::tokens::{tokenize, Kind};

pub struct Corpus {
    /// (path relative to the repository, text), sorted by path.
    pub programs: Vec<(String, String)>,
    /// Every distinct non-blank line.
    pub lines: Vec<String>,
    pub names: Vec<String>,
    pub numbers: Vec<String>,
    pub strings: Vec<String>,
    pub ops: Vec<String>,
    /// For each token text, the token texts that follow it somewhere in the corpus (spaces
    /// and comments skipped; newlines kept as "\n").
    pub next: BTreeMap<String, Vec<String>>,
}

/// The repository's root (this crate is `fuzz/` in it).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("fuzz/ has a parent")
        .to_path_buf()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "py") {
            out.push(p);
        }
    }
}

impl Corpus {
    /// Load `examples/**/*.py` under `root`.
    pub fn load(root: &Path) -> Corpus {
        let mut files = Vec::new();
        collect(&root.join("examples"), &mut files);
        files.sort();
        let programs: Vec<(String, String)> = files
            .iter()
            .filter_map(|p| {
                let text = std::fs::read_to_string(p).ok()?;
                let rel = p.strip_prefix(root).unwrap_or(p).display().to_string();
                Some((rel, text))
            })
            .collect();
        Corpus::from_programs(programs)
    }

    pub fn from_programs(mut programs: Vec<(String, String)>) -> Corpus {
        if programs.is_empty() {
            // Without a corpus the mutators still have something to work on.
            programs.push((
                "builtin.py".into(),
                "import asyncio\n\n\nasync def work(i):\n    await asyncio.sleep(i)\n    return i\n\n\nasync def main():\n    print(await asyncio.gather(work(1), work(2)))\n\nasyncio.run(main())\n".into(),
            ));
        }
        let mut lines = BTreeSet::new();
        let mut names = BTreeSet::new();
        let mut numbers = BTreeSet::new();
        let mut strings = BTreeSet::new();
        let mut ops = BTreeSet::new();
        let mut next: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (_, text) in &programs {
            for l in text.lines() {
                if !l.trim().is_empty() {
                    lines.insert(l.to_string());
                }
            }
            let toks = tokenize(text);
            let mut prev: Option<String> = None;
            for t in toks {
                let key = match t.kind {
                    Kind::Space | Kind::Comment => continue,
                    Kind::Newline => "\n".to_string(),
                    Kind::Name => {
                        names.insert(t.text.clone());
                        t.text
                    }
                    Kind::Number => {
                        numbers.insert(t.text.clone());
                        t.text
                    }
                    Kind::Str => {
                        if t.text.len() < 200 {
                            strings.insert(t.text.clone());
                        }
                        t.text
                    }
                    Kind::Op => {
                        ops.insert(t.text.clone());
                        t.text
                    }
                };
                if let Some(p) = prev.take() {
                    next.entry(p).or_default().insert(key.clone());
                }
                prev = Some(key);
            }
        }
        Corpus {
            programs,
            lines: lines.into_iter().collect(),
            names: names.into_iter().collect(),
            numbers: numbers.into_iter().collect(),
            strings: strings.into_iter().collect(),
            ops: ops.into_iter().collect(),
            next: next
                .into_iter()
                .map(|(k, v)| (k, v.into_iter().collect()))
                .collect(),
        }
    }
}
