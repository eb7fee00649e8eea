//! Where the CPython interpreters are: pyenv's (3.7–3.13), and the chroots that
//! `scripts/pythons.sh` provisions for the releases this machine's libc cannot run (3.14.8 and
//! 3.15.0 from Debian forky, 3.14.10 and 3.15.2 from sid), each named by its exact release.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;

use aiospec_model::PyVersion;

/// One interpreter: an executable, run directly or inside a chroot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Interpreter {
    /// The executable (inside the chroot when there is one).
    pub exe: PathBuf,
    pub chroot: Option<PathBuf>,
}

impl Interpreter {
    /// A command that runs this interpreter.
    pub fn command(&self) -> Command {
        match &self.chroot {
            None => Command::new(&self.exe),
            Some(dir) => {
                let mut c = Command::new("chroot");
                c.arg(dir).arg(&self.exe);
                c
            }
        }
    }
}

impl fmt::Display for Interpreter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.chroot {
            None => write!(f, "{}", self.exe.display()),
            Some(dir) => write!(
                f,
                "{} (in the chroot {})",
                self.exe.display(),
                dir.display()
            ),
        }
    }
}

/// Every interpreter found, by the release it is: pyenv's under `$AIOSPEC_PYENV_ROOT`,
/// `$PYENV_ROOT` or `~/.pyenv`, and the chroots under `$AIOSPEC_PYTHONS` or
/// `~/.cache/aiospec/pythons`. A release the model does not follow is left out.
pub fn find_interpreters() -> BTreeMap<PyVersion, Interpreter> {
    let mut out = BTreeMap::new();
    for (v, exe) in pyenv_interpreters() {
        out.insert(v, Interpreter { exe, chroot: None });
    }
    for (v, i) in chroot_interpreters() {
        out.entry(v).or_insert(i);
    }
    out
}

fn pyenv_interpreters() -> Vec<(PyVersion, PathBuf)> {
    let root = std::env::var_os("AIOSPEC_PYENV_ROOT")
        .or_else(|| std::env::var_os("PYENV_ROOT"))
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".pyenv")));
    let Some(root) = root else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(root.join("versions")) else {
        return Vec::new();
    };
    let mut found: BTreeMap<u8, (Vec<u32>, PathBuf)> = BTreeMap::new();
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let parts: Vec<u32> = name.split('.').map_while(|p| p.parse().ok()).collect();
        if parts.len() != 3 || parts[0] != 3 || !(7..=13).contains(&parts[1]) {
            continue;
        }
        let exe = e.path().join("bin").join("python");
        if !exe.exists() {
            continue;
        }
        let minor = parts[1] as u8;
        if found.get(&minor).is_none_or(|(p, _)| parts > *p) {
            found.insert(minor, (parts, exe));
        }
    }
    found
        .into_iter()
        .map(|(m, (_, exe))| (PyVersion::new(m), exe))
        .collect()
}

/// The chroots' interpreters, asked for their exact release (a chroot that does not run,
/// without root for instance, is skipped).
fn chroot_interpreters() -> Vec<(PyVersion, Interpreter)> {
    let base = std::env::var_os("AIOSPEC_PYTHONS")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cache/aiospec/pythons")));
    let Some(base) = base else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for suite in ["forky", "sid"] {
        let dir = base.join("chroots").join(suite);
        for minor in [14u8, 15] {
            let exe = PathBuf::from(format!("/usr/bin/python3.{minor}"));
            let inside = dir.join(format!("usr/bin/python3.{minor}"));
            if !inside.exists() {
                continue;
            }
            let i = Interpreter {
                exe,
                chroot: Some(dir.clone()),
            };
            let probe = i
                .command()
                .args(["-c", "import sys; print(*sys.version_info[:3])"])
                .output();
            let Ok(o) = probe else { continue };
            let text = String::from_utf8_lossy(&o.stdout).into_owned();
            let parts: Vec<u8> = text
                .split_whitespace()
                .filter_map(|p| p.parse().ok())
                .collect();
            if let [3, m, p] = parts[..] {
                let v = PyVersion::at(m, p);
                if PyVersion::ALL.contains(&v) {
                    out.push((v, i));
                }
            }
        }
    }
    out
}
