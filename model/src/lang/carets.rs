//! The source lines of a traceback entry and, from 3.11, the `^`/`~` lines under the part that
//! was running (`traceback.py`'s `format_frame_summary` and `_extract_caret_anchors_from_line_segment`,
//! which the interpreter's C display mirrors). 3.11 and 3.12 show one line, with carets from
//! the instruction's start to its end or to the end of that line; 3.13 shows every line of a
//! multi-line instruction that matters, abbreviating the rest (SPEC M5).

use ruff_python_ast::{Expr, Stmt};
use ruff_text_size::Ranged;

use crate::version::PyVersion;

/// Where an instruction starts and ends: 0-based line indices into `lines`, byte columns.
#[derive(Clone, Copy, Debug)]
pub struct Span {
    pub start_line: usize,
    pub start_col: usize,
    pub end_line: usize,
    pub end_col: usize,
}

/// The text after an entry's `File ...` line: its source line(s), each indented by four,
/// with carets where the version shows them. `None` when a line holds characters whose display
/// width CPython counts as two (the model does not reproduce `unicodedata` widths).
pub fn block(v: PyVersion, lines: &[&str], span: Span) -> Option<String> {
    let first = lines.get(span.start_line).copied().unwrap_or("");
    let stripped = first.trim();
    if stripped.is_empty() {
        return Some(String::new());
    }
    let mut out = format!("    {stripped}\n");
    if v.minor() < 11 {
        return Some(out);
    }
    let valid = span.end_line >= span.start_line
        && span.end_line < lines.len()
        && span.start_col <= first.len()
        && span.end_col <= lines[span.end_line].len()
        && (span.end_line > span.start_line || span.end_col > span.start_col);
    if !valid {
        return Some(out);
    }
    if v.minor() >= 13 {
        return block_313(lines, span);
    }
    if wide(first) {
        return None;
    }
    // 3.11, 3.12.
    let start = chars(first, span.start_col);
    let (end, anchors) = if span.start_line == span.end_line {
        let end = chars(first, span.end_col);
        let segment: String = first.chars().skip(start).take(end - start).collect();
        (end, anchors_312(&segment))
    } else {
        (first.trim_end().chars().count(), None)
    };
    let lead = first.chars().count() - first.trim_start().chars().count();
    let len = stripped.chars().count();
    let anchored = anchors.is_some_and(|(l, r)| r > l);
    if end.saturating_sub(start) < len || anchored {
        out.push_str("    ");
        out.push_str(&" ".repeat(start.saturating_sub(lead)));
        match anchors {
            Some((l, r)) => {
                out.push_str(&"~".repeat(l));
                out.push_str(&"^".repeat(r - l));
                out.push_str(&"~".repeat((end - start).saturating_sub(r)));
            }
            None => out.push_str(&"^".repeat(end - start)),
        }
        out.push('\n');
    }
    Some(out)
}

fn chars(line: &str, byte: usize) -> usize {
    let mut b = byte.min(line.len());
    while !line.is_char_boundary(b) {
        b -= 1;
    }
    line[..b].chars().count()
}

/// Characters `unicodedata.east_asian_width` may call wide or fullwidth.
fn wide(line: &str) -> bool {
    line.chars().any(|c| c as u32 >= 0x1100)
}

/// 3.11/3.12 `_extract_caret_anchors_from_line_segment`: the operator of a binary operation
/// or the brackets of a subscript, as character offsets in `segment`.
fn anchors_312(segment: &str) -> Option<(usize, usize)> {
    let parsed = ruff_python_parser::parse_module(segment).ok()?;
    let body = &parsed.syntax().body;
    if body.len() != 1 {
        return None;
    }
    let Stmt::Expr(e) = &body[0] else {
        return None;
    };
    let seg: Vec<char> = segment.chars().collect();
    let norm = |b: usize| chars(segment, b);
    match &*e.value {
        Expr::BinOp(b) => {
            let op_start = norm(b.left.range().end().to_usize());
            let op_end = norm(b.right.range().start().to_usize());
            let op: String = seg[op_start..op_end].iter().collect();
            let offset = op.chars().count() - op.trim_start().chars().count();
            let mut left = op_start + offset;
            let mut right = left + 1;
            let opc: Vec<char> = op.chars().collect();
            if offset + 1 < opc.len() && !opc[offset + 1].is_whitespace() {
                right += 1;
            }
            while left < seg.len() && (seg[left].is_whitespace() || ")#".contains(seg[left])) {
                left += 1;
                right += 1;
            }
            Some((left, right))
        }
        Expr::Subscript(s) => {
            let mut left = norm(s.value.range().end().to_usize());
            let mut right = norm(s.slice.range().end().to_usize()) + 1;
            while left < seg.len() && seg[left] != '[' {
                left += 1;
            }
            while right < seg.len() && seg[right] != ']' {
                right += 1;
            }
            if right < seg.len() {
                right += 1;
            }
            Some((left, right))
        }
        _ => None,
    }
}

/// `textwrap.dedent` of lines (whitespace-only lines do not count for the margin and become
/// empty).
fn dedent(lines: &[String]) -> Vec<String> {
    let margin = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            l.chars()
                .take_while(|c| *c == ' ' || *c == '\t')
                .collect::<String>()
        })
        .reduce(|a, b| {
            a.chars()
                .zip(b.chars())
                .take_while(|(x, y)| x == y)
                .map(|(x, _)| x)
                .collect()
        })
        .unwrap_or_default();
    lines
        .iter()
        .map(|l| {
            if l.trim().is_empty() {
                String::new()
            } else {
                l[margin.len()..].to_string()
            }
        })
        .collect()
}

/// 3.13's anchors, on a segment that may span lines: (left line, left col, right line,
/// right col), character columns; and whether the secondary character is `~` under a callee
/// or an operand (always, in 3.13).
fn anchors_313(segment: &str) -> Option<(usize, usize, usize, usize)> {
    let wrapped = format!("(\n{segment}\n)");
    let parsed = ruff_python_parser::parse_module(&wrapped).ok()?;
    let body = &parsed.syntax().body;
    if body.len() != 1 {
        return None;
    }
    let Stmt::Expr(e) = &body[0] else {
        return None;
    };
    let lines: Vec<Vec<char>> = segment.split('\n').map(|l| l.chars().collect()).collect();
    // A byte offset in `wrapped` as (line, char column) in `segment`.
    let pos = |b: usize| -> (usize, usize) {
        let b = b.saturating_sub(2).min(segment.len());
        let before = &segment[..b];
        let line = before.matches('\n').count();
        let start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, segment[start..b].chars().count())
    };
    let next_valid = |mut l: usize, mut c: usize| -> Option<(usize, usize)> {
        while l < lines.len() && c >= lines[l].len() {
            c = 0;
            l += 1;
        }
        (l < lines.len()).then_some((l, c))
    };
    let increment_until = |(mut l, mut c): (usize, usize), stop: &dyn Fn(char) -> bool| loop {
        let ch = lines[l][c];
        if ch == '\\' || ch == '#' {
            (l, c) = next_valid(l + 1, 0)?;
        } else if !stop(ch) {
            (l, c) = next_valid(l, c + 1)?;
        } else {
            return Some((l, c));
        }
    };
    match &*e.value {
        Expr::BinOp(b) => {
            let (l, c) = pos(b.left.range().end().to_usize());
            let (l, c) = next_valid(l, c)?;
            let (l, c) = increment_until((l, c), &|x| !x.is_whitespace() && x != ')')?;
            let mut right = c + 1;
            let (rl, rc) = pos(b.right.range().start().to_usize());
            if right < lines[l].len()
                && (rl > l || right < rc)
                && !lines[l][right].is_whitespace()
                && !"\\#".contains(lines[l][right])
            {
                right += 1;
            }
            Some((l, c, l, right))
        }
        Expr::Subscript(s) => {
            let (l, c) = pos(s.value.range().end().to_usize());
            let (l, c) = next_valid(l, c)?;
            let (l, c) = increment_until((l, c), &|x| x == '[')?;
            let (rl, rc) = pos(s.range().end().to_usize());
            Some((l, c, rl, rc))
        }
        Expr::Call(call) => {
            let (l, c) = pos(call.func.range().end().to_usize());
            let (l, c) = next_valid(l, c)?;
            let (l, c) = increment_until((l, c), &|x| x == '(')?;
            let (rl, rc) = pos(call.range().end().to_usize());
            Some((l, c, rl, rc))
        }
        _ => None,
    }
}

/// 3.13's `_should_show_carets` before its anchor and offset tests: false for
/// `return f(...)` and `name = f(...)` whose call (a plain name as callee) is the whole
/// instruction.
fn whole_call_value(all: &[String], start: usize, end: usize) -> bool {
    let text = all.join("\n");
    let Ok(parsed) = ruff_python_parser::parse_module(&text) else {
        return false;
    };
    let value = match parsed.syntax().body.first() {
        Some(Stmt::Return(r)) => match r.value.as_deref() {
            Some(Expr::Call(c)) if matches!(&*c.func, Expr::Name(_)) => r.value.as_deref(),
            _ => None,
        },
        Some(Stmt::Assign(a)) if a.targets.len() == 1 && matches!(a.targets[0], Expr::Name(_)) => {
            match &*a.value {
                Expr::Call(_) => Some(&*a.value),
                _ => None,
            }
        }
        _ => None,
    };
    let Some(value) = value else {
        return false;
    };
    let b0 = value.range().start().to_usize();
    let b1 = value.range().end().to_usize();
    let first_len = all[0].len();
    // lineno == 1, end_lineno == len(all_lines), and the columns match.
    let on_first = b0 <= first_len;
    let last_start = text.len() - all[all.len() - 1].len();
    let ends_last = b1 >= last_start;
    on_first
        && ends_last
        && chars(&all[0], b0) == start
        && chars(&all[all.len() - 1], b1 - last_start) == end
}

fn block_313(lines: &[&str], span: Span) -> Option<String> {
    let original: Vec<String> = lines[span.start_line..=span.end_line]
        .iter()
        .map(|s| s.to_string())
        .collect();
    if original.iter().any(|l| wide(l)) {
        return None;
    }
    let all = dedent(&original);
    let first = &original[0];
    let last = &original[original.len() - 1];
    let dedent_chars = first.chars().count() - all[0].chars().count();
    let start = chars(first, span.start_col).saturating_sub(dedent_chars);
    let end = chars(last, span.end_col).saturating_sub(dedent_chars);
    let joined = all.join("\n");
    let jc: Vec<char> = joined.chars().collect();
    let tail = all[all.len() - 1].chars().count().saturating_sub(end);
    let seg_end = jc.len().saturating_sub(tail);
    let segment: String = if start <= seg_end {
        jc[start..seg_end].iter().collect()
    } else {
        String::new()
    };
    let mut anchors = anchors_313(&segment);
    let show = if whole_call_value(&all, start, end) {
        false
    } else if anchors.is_some() {
        true
    } else {
        let before: String = all[0].chars().take(start).collect();
        let after: String = all[all.len() - 1].chars().skip(end).collect();
        !before.trim_start().is_empty() || !after.trim_end().is_empty()
    };
    // Anchor columns are relative to the segment; its first line starts at `start`.
    if let Some((ll, lc, rl, rc)) = anchors.as_mut() {
        if *ll == 0 {
            *lc += start;
        }
        if *rl == 0 {
            *rc += start;
        }
        let _ = (ll, rl);
    }
    let n = all.len();
    let mut significant: std::collections::BTreeSet<usize> = [0, n - 1].into_iter().collect();
    if let Some((ll, _, rl, _)) = anchors {
        for l in [
            ll.wrapping_sub(1),
            ll,
            ll + 1,
            rl.wrapping_sub(1),
            rl,
            rl + 1,
        ] {
            if l < n {
                significant.insert(l);
            }
        }
    }
    let mut result: Vec<String> = Vec::new();
    let output_line = |lineno: usize, result: &mut Vec<String>| {
        result.push(all[lineno].clone());
        if !show {
            return;
        }
        let line: Vec<char> = all[lineno].chars().collect();
        let spaces = line.len() - all[lineno].trim_start().chars().count();
        let count = if lineno == n - 1 { end } else { line.len() };
        let mut carets = String::new();
        for col in 0..count {
            let c = if col < spaces || (lineno == 0 && col < start) {
                ' '
            } else if let Some((ll, lc, rl, rc)) = anchors {
                let after_left = lineno > ll || (lineno == ll && col >= lc);
                let before_right = lineno < rl || (lineno == rl && col < rc);
                if after_left && before_right {
                    '^'
                } else {
                    '~'
                }
            } else {
                '^'
            };
            carets.push(c);
        }
        result.push(carets);
    };
    let sig: Vec<usize> = significant.into_iter().collect();
    for (i, &lineno) in sig.iter().enumerate() {
        if i > 0 {
            let diff = lineno - sig[i - 1];
            if diff == 2 {
                output_line(lineno - 1, &mut result);
            } else if diff > 2 {
                result.push(format!("...<{} lines>...", diff - 1));
            }
        }
        output_line(lineno, &mut result);
    }
    let result = dedent(&result);
    let mut out = String::new();
    for l in result {
        out.push_str("    ");
        out.push_str(&l);
        out.push('\n');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(v: u8, line: &str, a: usize, b: usize) -> String {
        block(
            PyVersion::new(v),
            &[line],
            Span {
                start_line: 0,
                start_col: a,
                end_line: 0,
                end_col: b,
            },
        )
        .expect("ascii")
    }

    // Expected texts printed by CPython 3.11.7, 3.12.1 and 3.13.0 for these instructions.
    #[test]
    fn single_lines() {
        assert_eq!(one(10, "    return x + y", 11, 16), "    return x + y\n");
        assert_eq!(
            one(11, "    return x + y", 11, 16),
            "    return x + y\n           ~~^~~\n"
        );
        assert_eq!(
            one(12, "    return d['k']", 11, 17),
            "    return d['k']\n           ~^^^^^\n"
        );
        // 3.13: no carets under `return f(x)`; carets with anchors under a method call.
        assert_eq!(
            one(13, "    return parse(text)", 11, 22),
            "    return parse(text)\n"
        );
        assert_eq!(
            one(13, "    return future.result()", 11, 26),
            "    return future.result()\n           ~~~~~~~~~~~~~^^\n"
        );
    }

    #[test]
    fn multi_line_313() {
        let lines = [
            "    sections = await asyncio.gather(",
            "        a(),",
            "        b(),",
            "        c(),",
            "        d(),",
            "    )",
        ];
        let text = block(
            PyVersion::new(13),
            &lines,
            Span {
                start_line: 0,
                start_col: 15,
                end_line: 5,
                end_col: 5,
            },
        )
        .expect("ascii");
        assert_eq!(
            text,
            "    sections = await asyncio.gather(\n               ^^^^^^^^^^^^^^^^^^^^^\n    ...<4 lines>...\n    )\n    ^\n"
        );
        let text = block(
            PyVersion::new(12),
            &lines,
            Span {
                start_line: 0,
                start_col: 15,
                end_line: 5,
                end_col: 5,
            },
        )
        .expect("ascii");
        assert_eq!(
            text,
            "    sections = await asyncio.gather(\n               ^^^^^^^^^^^^^^^^^^^^^\n"
        );
    }
}
