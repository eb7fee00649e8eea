//! The language (`src/lang/`) reaches asyncio only through `crate::asyncio::interface`
//! (see `src/lang/mod.rs`): the interpreter must not know what a Task is, so that asyncio's
//! machinery can change per version without touching the language.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("readable source directory") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every place in `text` that names asyncio's modules by path other than the interface,
/// as (line number, line).
fn violations(text: &str) -> Vec<(usize, String)> {
    let mut found = vec![];
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(i) = rest.find("asyncio") {
            let before = &rest[..i];
            let after = &rest[i + "asyncio".len()..];
            let is_path = before.ends_with("crate::") || before.ends_with("super::");
            if is_path && !after.starts_with("::interface") {
                found.push((n + 1, line.trim().to_string()));
            }
            rest = after;
        }
    }
    found
}

#[test]
fn the_check_catches_direct_paths() {
    // The scanner itself: each form a direct reference can take is caught, the interface is not.
    assert_eq!(violations("use crate::asyncio::futures::FutKind;").len(), 1);
    assert_eq!(violations("    crate::asyncio::module(self)").len(), 1);
    assert_eq!(
        violations("use crate::asyncio::{futures, interface};").len(),
        1
    );
    assert_eq!(
        violations("use super::super::asyncio::natives::Native;").len(),
        1
    );
    assert!(violations("use crate::asyncio::interface::Native;").is_empty());
    assert!(violations("// crate::asyncio::futures in a comment").is_empty());
    assert!(violations("let name = \"asyncio.locks\";").is_empty());
}

#[test]
fn lang_reaches_asyncio_only_through_interface() {
    let lang = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lang");
    let mut files = vec![];
    rust_files(&lang, &mut files);
    assert!(
        files.len() > 20,
        "found the language's sources in {}",
        lang.display()
    );
    let mut problems = vec![];
    for f in files {
        let text = fs::read_to_string(&f).expect("readable source");
        for (line, code) in violations(&text) {
            problems.push(format!("{}:{line}: {code}", f.display()));
        }
    }
    assert!(
        problems.is_empty(),
        "src/lang/ names asyncio's internals; go through crate::asyncio::interface:\n{}",
        problems.join("\n")
    );
}
