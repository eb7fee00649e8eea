//! SPEC.md traceability: rule ids, what cites them (tests, model code, examples), and the
//! example blocks whose Python and CPython output the spec shows.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use aiospec_model::{load_file, PyVersion, Trace};

/// Rule-id prefixes, longest first (WF before W).
pub const AREAS: [&str; 19] = [
    "WF", "SH", "AC", "TO", "TG", "ET", "EG", "L", "F", "T", "S", "G", "W", "R", "X", "K", "Q",
    "M", "C",
];

#[derive(Clone, Debug)]
pub struct Rule {
    pub id: String,
    /// The rule's first sentence (its bold statement).
    pub title: String,
}

/// `<!-- example: PATH python: X.Y -->` ... `<!-- /example -->`.
#[derive(Clone, Debug)]
pub struct ExampleBlock {
    pub path: String,
    pub version: PyVersion,
    /// Byte range of the content between the markers.
    pub range: std::ops::Range<usize>,
    pub content: String,
}

pub struct Spec {
    pub text: String,
    pub rules: Vec<Rule>,
    pub examples: Vec<ExampleBlock>,
}

/// Is `s` a rule id (`G12`, `WF3`)?
pub fn is_rule_id(s: &str) -> bool {
    AREAS.iter().any(|a| {
        s.strip_prefix(a)
            .is_some_and(|n| !n.is_empty() && n.len() <= 2 && n.chars().all(|c| c.is_ascii_digit()))
    })
}

pub fn parse(text: &str) -> Result<Spec, String> {
    let mut rules = Vec::new();
    let mut seen = BTreeSet::new();
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if let Some(id) = line.strip_prefix("### ") {
            let id = id.trim();
            if is_rule_id(id) {
                if !seen.insert(id.to_string()) {
                    return Err(format!("SPEC.md line {}: rule {id} defined twice", i + 1));
                }
                let title = lines[i + 1..]
                    .iter()
                    .find_map(|l| l.strip_prefix("**"))
                    .and_then(|l| l.split("**").next())
                    .unwrap_or("")
                    .to_string();
                rules.push(Rule {
                    id: id.to_string(),
                    title,
                });
            }
        }
    }
    let mut examples = Vec::new();
    let open = "<!-- example: ";
    let mut pos = 0;
    while let Some(start) = text[pos..].find(open).map(|s| s + pos) {
        let head_end = text[start..]
            .find("-->")
            .map(|e| e + start + 3)
            .ok_or("unterminated example marker")?;
        let head = &text[start + open.len()..head_end - 3];
        let (path, ver) = head
            .trim()
            .split_once(" python: ")
            .ok_or_else(|| format!("bad example marker {head:?}"))?;
        let version = ver.trim().parse::<PyVersion>()?;
        let close = text[head_end..]
            .find("<!-- /example -->")
            .map(|e| e + head_end)
            .ok_or_else(|| format!("example {path} has no closing marker"))?;
        examples.push(ExampleBlock {
            path: path.trim().to_string(),
            version,
            range: head_end..close,
            content: text[head_end..close].to_string(),
        });
        pos = close;
    }
    Ok(Spec {
        text: text.to_string(),
        rules,
        examples,
    })
}

pub fn load(root: &Path) -> Result<Spec, String> {
    let p = root.join("SPEC.md");
    let text = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
    parse(&text)
}

/// The content an example block should have: the exported Python, the text output
/// rendered from `trace` (CPython's), and a link to the run's timeline (issue 17).
pub fn render_block(b: &ExampleBlock, python: &str, trace: &Trace) -> String {
    format!(
        "\n```python\n{python}```\n\nCPython {} prints:\n\n```text\n{}```\n\nThe model's run, drawn ([{file}]({file}); hover for details):\n\n![timeline of examples/{}]({file})\n",
        b.version,
        trace.to_text(false),
        b.path,
        file = timeline_file(&b.path, b.version)
    )
}

/// Where the timelines of SPEC.md's examples and of the seed programs are drawn.
pub const TIMELINES_DIR: &str = "spec/timelines";

/// The seed programs (../shared/seed), each at the version whose picture the README shows:
/// (a) the exception reaching main while the siblings run on, (b) the siblings running to
/// the end, (c) five reports at exit, (d) none after awaiting each, (e) nothing reported.
pub const SEED_PICTURES: [(&str, &str); 5] = [
    ("seed/a_gather.py", "3.12"),
    ("seed/b_gather_run_forever.py", "3.8"),
    ("seed/c_wait.py", "3.10"),
    ("seed/d_wait_retrieve.py", "3.10"),
    ("seed/e_gather_return_exceptions.py", "3.12"),
];

/// The timeline file of example `path` (under examples/) on `v`, relative to the root:
/// `spec/timelines/gather-first_exception_propagates-3.12.svg`.
pub fn timeline_file(path: &str, v: PyVersion) -> String {
    let stem = path.trim_end_matches(".py").replace(['/', '\\'], "-");
    format!("{TIMELINES_DIR}/{stem}-{v}.svg")
}

/// Every timeline the project keeps: each SPEC.md example's and each seed program's, as
/// (file relative to the root, SVG text), drawn from the model. Programs are named as
/// SPEC.md shows them (`examples/<path>`), so the files are the same on every machine.
pub fn timelines(root: &Path) -> Result<Vec<(String, String)>, String> {
    let spec = load(root)?;
    let mut wanted: Vec<(String, PyVersion)> = spec
        .examples
        .iter()
        .map(|b| (b.path.clone(), b.version))
        .collect();
    for (path, v) in SEED_PICTURES {
        wanted.push((path.to_string(), v.parse::<PyVersion>()?));
    }
    let mut out: Vec<(String, String)> = Vec::new();
    for (path, v) in wanted {
        let file = timeline_file(&path, v);
        if out.iter().any(|(f, _)| *f == file) {
            continue;
        }
        let name = format!("examples/{path}");
        let text = load_file(&root.join("examples").join(&path)).map_err(|e| e.to_string())?;
        let p = aiospec_model::load_str(text.text(), &name).map_err(|e| e.to_string())?;
        let title = aiospec_model::timeline::title(&name, v);
        let (_, _, layout) = aiospec_model::timeline::picture(
            &p,
            v,
            aiospec_model::Impl::C,
            &aiospec_model::Config::default(),
            &mut aiospec_model::FirstChoice,
            &title,
        )
        .map_err(|e| format!("{name} on {v}: {e}"))?;
        out.push((file, aiospec_model::timeline::svg::svg_document(&layout)));
    }
    Ok(out)
}

/// Draw every timeline into `spec/timelines/`, removing pictures nothing shows any more.
/// Returns how many were written.
pub fn write_timelines(root: &Path) -> Result<usize, String> {
    let pictures = timelines(root)?;
    let dir = root.join(TIMELINES_DIR);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for e in entries.flatten() {
            let rel = format!("{TIMELINES_DIR}/{}", e.file_name().to_string_lossy());
            if rel.ends_with(".svg") && !pictures.iter().any(|(f, _)| *f == rel) {
                std::fs::remove_file(e.path()).map_err(|err| format!("{rel}: {err}"))?;
            }
        }
    }
    for (file, svg) in &pictures {
        let p = root.join(file);
        std::fs::write(&p, svg).map_err(|e| format!("{}: {e}", p.display()))?;
    }
    Ok(pictures.len())
}

/// The program of a block, named as SPEC.md shows it (`examples/<path>`, the same on every
/// machine).
pub fn block_program(b: &ExampleBlock, root: &Path) -> Result<aiospec_model::Program, String> {
    let python = block_python(b, root)?;
    aiospec_model::load_str(&python, &block_file(b)).map_err(|e| e.to_string())
}

/// How tracebacks in SPEC.md's examples name the program.
pub fn block_file(b: &ExampleBlock) -> String {
    format!("examples/{}", b.path)
}

/// The Python source shown in a block.
pub fn block_python(b: &ExampleBlock, root: &Path) -> Result<String, String> {
    let s = load_file(&root.join("examples").join(&b.path)).map_err(|e| e.to_string())?;
    let _ = b.version;
    Ok(s.text().to_string())
}

/// Where something cites a rule.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Citation {
    pub id: String,
    pub file: String,
    pub line: usize,
    /// The test function's name, for citations by name.
    pub test: Option<String>,
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    if let Ok(entries) = std::fs::read_dir(dir) {
        let mut v: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        v.sort();
        for p in v {
            if p.is_dir() {
                rust_files(&p, out);
            } else if p.extension().is_some_and(|e| e == "rs") {
                out.push(p);
            }
        }
    }
}

/// Ids cited in a line of Rust: `fn g2_...` test names, and ids written `SPEC G2`, `(G2)`,
/// `(G2, X2)` or `// G2:` in comments.
pub fn cited_ids(line: &str) -> (Vec<String>, Option<String>) {
    let mut ids = Vec::new();
    let mut test = None;
    let t = line.trim_start();
    if let Some(rest) = t.strip_prefix("fn ") {
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if let Some((head, _)) = name.split_once('_') {
            let up = head.to_ascii_uppercase();
            if is_rule_id(&up) {
                ids.push(up);
                test = Some(name.clone());
            }
        }
    }
    if let Some(idx) = line.find("//") {
        let comment = &line[idx..];
        for word in comment.split(|c: char| !c.is_ascii_alphanumeric()) {
            if is_rule_id(word) {
                ids.push(word.to_string());
            }
        }
    }
    ids.sort();
    ids.dedup();
    (ids, test)
}

/// Every citation in the Rust files under `dirs` (relative to `root`).
pub fn citations(root: &Path, dirs: &[&str]) -> Vec<Citation> {
    let mut files = Vec::new();
    for d in dirs {
        rust_files(&root.join(d), &mut files);
    }
    let mut out = Vec::new();
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        let rel = f.strip_prefix(root).unwrap_or(&f).display().to_string();
        for (i, line) in text.lines().enumerate() {
            let (ids, test) = cited_ids(line);
            for id in ids {
                out.push(Citation {
                    id,
                    file: rel.clone(),
                    line: i + 1,
                    test: test.clone(),
                });
            }
        }
    }
    out
}

/// Rules each example scenario names in its `rules` field.
pub fn example_rules(root: &Path) -> Result<BTreeMap<String, Vec<String>>, String> {
    let files = crate::check::collect_files(&[root.join("examples")])?;
    let mut out = BTreeMap::new();
    for f in files {
        let s = load_file(&f).map_err(|e| e.to_string())?;
        let rel = f
            .strip_prefix(root.join("examples"))
            .unwrap_or(&f)
            .display()
            .to_string();
        out.insert(rel, s.meta.rules.clone());
    }
    Ok(out)
}

/// Problems with traceability: orphans in either direction.
pub fn audit(root: &Path) -> Result<Vec<String>, String> {
    let spec = load(root)?;
    let ids: BTreeSet<String> = spec.rules.iter().map(|r| r.id.clone()).collect();
    let mut problems = Vec::new();
    let tests = citations(root, &["tests"]);
    let code = citations(root, &["model/src", "src", "impl/src"]);
    for c in tests.iter().chain(code.iter()) {
        if !ids.contains(&c.id) {
            problems.push(format!(
                "{}:{}: cites {}, which SPEC.md does not define",
                c.file, c.line, c.id
            ));
        }
    }
    for r in &spec.rules {
        if !tests.iter().any(|c| c.id == r.id) {
            problems.push(format!("rule {} has no test citing it", r.id));
        }
        if !r.id.starts_with('C') && !code.iter().any(|c| c.id == r.id) {
            problems.push(format!(
                "rule {} is not cited by the code that implements it",
                r.id
            ));
        }
    }
    for (file, rules) in example_rules(root)? {
        // Real-world programs are collected for what people write, not to illustrate a rule;
        // a rule they name must exist, but they need not name one.
        if rules.is_empty() && !file.starts_with("realworld/") {
            problems.push(format!("examples/{file} names no rule"));
        }
        for id in rules {
            if !ids.contains(&id) {
                problems.push(format!(
                    "examples/{file} names rule {id}, which SPEC.md does not define"
                ));
            }
        }
    }
    for b in &spec.examples {
        if !root.join("examples").join(&b.path).exists() {
            problems.push(format!(
                "SPEC.md shows examples/{}, which does not exist",
                b.path
            ));
        }
    }
    Ok(problems)
}

/// `aiospec spec`: each rule with the tests, code and examples that back it.
pub fn report(root: &Path) -> Result<String, String> {
    let spec = load(root)?;
    let tests = citations(root, &["tests"]);
    let code = citations(root, &["model/src", "src", "impl/src"]);
    let ex = example_rules(root)?;
    let mut out = String::new();
    for r in &spec.rules {
        out.push_str(&format!("{}  {}\n", r.id, r.title));
        let names: BTreeSet<String> = tests
            .iter()
            .filter(|c| c.id == r.id)
            .map(|c| match &c.test {
                Some(t) => format!("{}::{t}", c.file),
                None => format!("{}:{}", c.file, c.line),
            })
            .collect();
        for n in names {
            out.push_str(&format!("    test     {n}\n"));
        }
        let places: BTreeSet<String> = code
            .iter()
            .filter(|c| c.id == r.id)
            .map(|c| format!("{}:{}", c.file, c.line))
            .collect();
        for p in places {
            out.push_str(&format!("    code     {p}\n"));
        }
        for (file, rules) in &ex {
            if rules.contains(&r.id) {
                out.push_str(&format!("    example  examples/{file}\n"));
            }
        }
    }
    Ok(out)
}

/// Fill every example block of SPEC.md from CPython. Returns how many were written.
pub fn update(root: &Path) -> Result<usize, String> {
    let spec = load(root)?;
    let interpreters = crate::oracle::find_interpreters();
    let mut text = spec.text.clone();
    // Replace from the end so earlier ranges stay valid.
    let mut blocks = spec.examples.clone();
    blocks.sort_by_key(|b| std::cmp::Reverse(b.range.start));
    for b in &blocks {
        let python = block_python(b, root)?;
        let exe = interpreters
            .get(&b.version)
            .ok_or_else(|| format!("no CPython {} installed", b.version))?;
        let mut oracle = crate::oracle::OracleProcess::start(exe, crate::oracle::CpythonImpl::C)?;
        let run = oracle
            .run(&python, &block_file(b))
            .map_err(|e| format!("{}: {e}", b.path))?;
        text.replace_range(b.range.clone(), &render_block(b, &python, &run.trace));
    }
    std::fs::write(root.join("SPEC.md"), text).map_err(|e| e.to_string())?;
    Ok(blocks.len())
}
