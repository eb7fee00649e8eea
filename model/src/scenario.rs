//! JSON scenarios: a notation for an asyncio program (coroutine definitions and a main
//! body whose statements are Python text), turned into the Python program it stands for.
//! The statements are not interpreted here: they are copied into the program, which the
//! model and CPython both run as written (the fuzz generator writes this notation).
//!
//! ```json
//! {
//!   "description": "gather: the first exception propagates",
//!   "python": ["3.8", "3.13"],
//!   "coroutines": {
//!     "work": {"params": ["i"], "body": ["await asyncio.sleep(i)", "raise ValueError(i)"]}
//!   },
//!   "main": [
//!     {"try": ["await asyncio.gather(work(1), work(2))"],
//!      "except": [{"type": "ValueError", "as": "e", "body": ["print('caught', repr(e))"]}]},
//!     {"async with": "asyncio.Lock() as lock", "body": ["print(lock.locked())"]}
//!   ]
//! }
//! ```

use serde_json::{Map, Value as J};

use crate::lang::front::{LoadError, LoadErrorKind};

struct Writer<'a> {
    file: &'a str,
    out: String,
}

impl Writer<'_> {
    fn err(&self, place: &str, message: impl Into<String>) -> LoadError {
        LoadError {
            file: self.file.to_string(),
            line: None,
            kind: LoadErrorKind::Input,
            message: format!("at {place}: {}", message.into()),
        }
    }

    fn obj<'j>(&self, v: &'j J, place: &str, what: &str) -> Result<&'j Map<String, J>, LoadError> {
        v.as_object()
            .ok_or_else(|| self.err(place, format!("{what} must be a JSON object")))
    }

    fn check_keys(
        &self,
        m: &Map<String, J>,
        place: &str,
        allowed: &[&str],
    ) -> Result<(), LoadError> {
        for k in m.keys() {
            if !allowed.contains(&k.as_str()) {
                return Err(self.err(
                    place,
                    format!(
                        "unknown field {k:?} (expected one of: {})",
                        allowed.join(", ")
                    ),
                ));
            }
        }
        Ok(())
    }

    fn text<'j>(&self, v: Option<&'j J>, place: &str) -> Result<&'j str, LoadError> {
        match v {
            Some(J::String(s)) => {
                if s.contains(['\n', '\r']) {
                    return Err(self.err(place, "a statement must be one line"));
                }
                Ok(s)
            }
            Some(_) => Err(self.err(place, "must be a string")),
            None => Err(self.err(place, "is missing")),
        }
    }

    fn line(&mut self, level: usize, s: &str) {
        for _ in 0..level {
            self.out.push_str("    ");
        }
        self.out.push_str(s);
        self.out.push('\n');
    }

    fn body(&mut self, v: &J, place: &str, level: usize) -> Result<(), LoadError> {
        let arr = v
            .as_array()
            .ok_or_else(|| self.err(place, "a body must be a list of statements"))?;
        if arr.is_empty() {
            self.line(level, "pass");
        }
        for (i, s) in arr.iter().enumerate() {
            self.stmt(s, &format!("{place}[{i}]"), level)?;
        }
        Ok(())
    }

    fn stmt(&mut self, v: &J, place: &str, level: usize) -> Result<(), LoadError> {
        if let J::String(_) = v {
            let t = self.text(Some(v), place)?.to_string();
            self.line(level, &t);
            return Ok(());
        }
        let m = self
            .obj(v, place, "a statement (other than a string)")?
            .clone();
        if m.contains_key("if") {
            self.check_keys(&m, place, &["if", "then", "else"])?;
            let cond = self.text(m.get("if"), &format!("{place}.if"))?.to_string();
            self.line(level, &format!("if {cond}:"));
            let then = m
                .get("then")
                .ok_or_else(|| self.err(place, "an 'if' needs 'then'"))?;
            self.body(then, &format!("{place}.then"), level + 1)?;
            if let Some(e) = m.get("else") {
                self.line(level, "else:");
                self.body(e, &format!("{place}.else"), level + 1)?;
            }
            return Ok(());
        }
        if m.contains_key("for") {
            self.check_keys(&m, place, &["for", "in", "body"])?;
            let var = self
                .text(m.get("for"), &format!("{place}.for"))?
                .to_string();
            let it = self.text(m.get("in"), &format!("{place}.in"))?.to_string();
            self.line(level, &format!("for {var} in {it}:"));
            let body = m
                .get("body")
                .ok_or_else(|| self.err(place, "a 'for' needs 'body'"))?;
            self.body(body, &format!("{place}.body"), level + 1)?;
            return Ok(());
        }
        if m.contains_key("async with") {
            self.check_keys(&m, place, &["async with", "body"])?;
            let head = self
                .text(m.get("async with"), &format!("{place}.async with"))?
                .to_string();
            self.line(level, &format!("async with {head}:"));
            let body = m
                .get("body")
                .ok_or_else(|| self.err(place, "an 'async with' needs 'body'"))?;
            self.body(body, &format!("{place}.body"), level + 1)?;
            return Ok(());
        }
        if let Some(body) = m.get("try") {
            self.check_keys(&m, place, &["try", "except", "else", "finally"])?;
            if m.get("except").is_none() && m.get("finally").is_none() {
                return Err(self.err(place, "a 'try' needs 'except' or 'finally'"));
            }
            self.line(level, "try:");
            self.body(body, &format!("{place}.try"), level + 1)?;
            if let Some(hs) = m.get("except") {
                let arr = hs.as_array().ok_or_else(|| {
                    self.err(&format!("{place}.except"), "must be a list of handlers")
                })?;
                for (i, h) in arr.iter().enumerate() {
                    let hp = format!("{place}.except[{i}]");
                    let hm = self.obj(h, &hp, "an except handler")?.clone();
                    self.check_keys(&hm, &hp, &["type", "as", "body"])?;
                    let head = match (hm.get("type"), hm.get("as")) {
                        (None | Some(J::Null), _) => "except:".to_string(),
                        (Some(t), None | Some(J::Null)) => {
                            format!("except {}:", self.text(Some(t), &format!("{hp}.type"))?)
                        }
                        (Some(t), Some(n)) => format!(
                            "except {} as {}:",
                            self.text(Some(t), &format!("{hp}.type"))?,
                            self.text(Some(n), &format!("{hp}.as"))?
                        ),
                    };
                    self.line(level, &head);
                    let hb = hm
                        .get("body")
                        .ok_or_else(|| self.err(&hp, "a handler needs 'body'"))?;
                    self.body(hb, &format!("{hp}.body"), level + 1)?;
                }
            }
            if let Some(e) = m.get("else") {
                self.line(level, "else:");
                self.body(e, &format!("{place}.else"), level + 1)?;
            }
            if let Some(f) = m.get("finally") {
                self.line(level, "finally:");
                self.body(f, &format!("{place}.finally"), level + 1)?;
            }
            return Ok(());
        }
        Err(self.err(
            place,
            "a statement object must have 'if', 'for', 'async with' or 'try'",
        ))
    }
}

/// The Python program a JSON scenario stands for, with its metadata as the comment header.
pub fn json_to_python(file: &str, text: &str) -> Result<String, LoadError> {
    let mut w = Writer {
        file,
        out: String::new(),
    };
    let root: J = serde_json::from_str(text).map_err(|e| LoadError {
        file: file.to_string(),
        line: Some((e.line(), e.column())),
        kind: LoadErrorKind::Input,
        message: format!("invalid JSON: {e}"),
    })?;
    let m = w.obj(&root, "top level", "a scenario")?.clone();
    w.check_keys(
        &m,
        "top level",
        &[
            "description",
            "python",
            "cites",
            "rules",
            "entry",
            "until",
            "coroutines",
            "main",
        ],
    )?;
    let list = |w: &Writer, key: &str| -> Result<Vec<String>, LoadError> {
        match m.get(key) {
            None => Ok(vec![]),
            Some(J::Array(a)) => a
                .iter()
                .enumerate()
                .map(|(i, x)| {
                    x.as_str()
                        .map(str::to_string)
                        .ok_or_else(|| w.err(&format!("{key}[{i}]"), "must be a string"))
                })
                .collect(),
            Some(_) => Err(w.err(key, "must be a list of strings")),
        }
    };
    if let Some(d) = m.get("description") {
        let d = d
            .as_str()
            .ok_or_else(|| w.err("description", "must be a string"))?;
        for part in d.split(['\n', '\r']) {
            w.out
                .push_str(&format!("# aiospec: description = {part}\n"));
        }
    }
    let python = list(&w, "python")?;
    if !python.is_empty() {
        w.out
            .push_str(&format!("# aiospec: python = {}\n", python.join(" ")));
    }
    for key in ["rules", "cites"] {
        let items = list(&w, key)?;
        if !items.is_empty() {
            w.out
                .push_str(&format!("# aiospec: {key} = {}\n", items.join(" ")));
        }
    }
    w.out.push_str("import asyncio\n\n");
    if let Some(cs) = m.get("coroutines") {
        let cm = w.obj(cs, "coroutines", "'coroutines'")?.clone();
        for (name, def) in &cm {
            let place = format!("coroutines.{name}");
            let dm = w.obj(def, &place, "a coroutine definition")?.clone();
            w.check_keys(&dm, &place, &["params", "body"])?;
            let params = match dm.get("params") {
                None => vec![],
                Some(J::Array(a)) => a
                    .iter()
                    .map(|x| x.as_str().map(str::to_string))
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(|| w.err(&format!("{place}.params"), "must be a list of names"))?,
                Some(_) => return Err(w.err(&format!("{place}.params"), "must be a list of names")),
            };
            w.out
                .push_str(&format!("\nasync def {name}({}):\n", params.join(", ")));
            let body = dm
                .get("body")
                .ok_or_else(|| w.err(&place, "a coroutine needs 'body'"))?;
            w.body(body, &format!("{place}.body"), 1)?;
        }
    }
    let main = m
        .get("main")
        .ok_or_else(|| w.err("top level", "missing field \"main\" (main's body)"))?;
    w.out.push_str("\nasync def main():\n");
    w.body(main, "main", 1)?;
    w.out.push('\n');
    let until = match m.get("until") {
        None | Some(J::Null) => None,
        Some(J::Number(n)) => Some(n.to_string()),
        Some(_) => return Err(w.err("until", "must be a number")),
    };
    match m.get("entry").map(|e| e.as_str()) {
        None | Some(Some("asyncio.run")) => {
            if until.is_some() {
                return Err(w.err("until", "'until' applies only to entry \"run_forever\""));
            }
            w.out.push_str("asyncio.run(main())\n");
        }
        Some(Some("run_forever")) => {
            w.out.push_str("loop = asyncio.new_event_loop()\n");
            w.out.push_str("loop.create_task(main())\n");
            if let Some(u) = until {
                w.out
                    .push_str(&format!("loop.call_later({u}, loop.stop)\n"));
            }
            w.out.push_str("loop.run_forever()\nloop.close()\n");
        }
        Some(Some(other)) => {
            return Err(w.err(
                "entry",
                format!("unknown entry {other:?} (expected \"asyncio.run\" or \"run_forever\")"),
            ))
        }
        Some(None) => return Err(w.err("entry", "must be a string")),
    }
    Ok(w.out)
}
