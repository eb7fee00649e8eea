//! "Did you mean" (3.10+): the name closest to a missing one, by CPython's weighted Levenshtein
//! distance (`Python/suggestions.c`, and `traceback.py` on 3.12, which reimplements it).
//! 3.10 and 3.11 print it only in the interpreter's own display of an uncaught exception; from
//! 3.12 `traceback` computes it, so the loop's reports show it too (SPEC M5).

use std::sync::OnceLock;

const MAX_CANDIDATE_ITEMS: usize = 750;
const MAX_STRING_SIZE: usize = 40;
const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;

/// Which implementation computes the suggestion: the C one (3.10, 3.11, and 3.13's
/// `_suggestions` module) or 3.12's pure Python one. They differ at the edges: the C one
/// gives up at 750 candidates, the Python one above 750, and the Python one never suggests a
/// name further than the wrong name's length.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Algo {
    C,
    Python,
}

impl Algo {
    /// 3.12's `traceback` module is the only Python implementation; the interpreter's display
    /// on 3.12 is C, and 3.13's `traceback` calls the C one.
    pub fn of(minor: u8, display: bool) -> Algo {
        if minor == 12 && !display {
            Algo::Python
        } else {
            Algo::C
        }
    }
}

fn substitution_cost(a: char, b: char) -> usize {
    if a == b {
        0
    } else if a.eq_ignore_ascii_case(&b) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

/// `levenshtein_distance(a, b, max_cost)`: the cost to turn `a` into `b`, or `max_cost + 1`
/// once it is known to be larger.
pub fn levenshtein(a: &str, b: &str, max_cost: usize) -> usize {
    if a == b {
        return 0;
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (mut a, mut b) = (&a[..], &b[..]);
    while !a.is_empty() && !b.is_empty() && a[0] == b[0] {
        a = &a[1..];
        b = &b[1..];
    }
    while !a.is_empty() && !b.is_empty() && a[a.len() - 1] == b[b.len() - 1] {
        a = &a[..a.len() - 1];
        b = &b[..b.len() - 1];
    }
    if a.is_empty() || b.is_empty() {
        return MOVE_COST * (a.len() + b.len());
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    if b.len() < a.len() {
        std::mem::swap(&mut a, &mut b);
    }
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let mut row: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (bindex, &bchar) in b.iter().enumerate() {
        let mut distance = bindex * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (index, &achar) in a.iter().enumerate() {
            let substitute = distance + substitution_cost(bchar, achar);
            distance = row[index];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            row[index] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}

/// The candidate closest to `wrong`, scanning in order (the first of equally close ones).
pub fn closest<'a>(
    candidates: impl ExactSizeIterator<Item = &'a str>,
    wrong: &str,
    algo: Algo,
) -> Option<String> {
    let n = candidates.len();
    let too_many = match algo {
        Algo::C => n >= MAX_CANDIDATE_ITEMS,
        Algo::Python => n > MAX_CANDIDATE_ITEMS,
    };
    let wrong_len = wrong.chars().count();
    if too_many || (algo == Algo::Python && wrong_len > MAX_STRING_SIZE) {
        return None;
    }
    let mut best = match algo {
        Algo::C => usize::MAX,
        Algo::Python => wrong_len,
    };
    let mut suggestion: Option<&str> = None;
    for cand in candidates {
        if cand == wrong {
            continue;
        }
        let max =
            ((cand.chars().count() + wrong_len + 3) * MOVE_COST / 6).min(best.saturating_sub(1));
        let d = levenshtein(wrong, cand, max);
        if d > max {
            continue;
        }
        if suggestion.is_none() || d < best {
            suggestion = Some(cand);
            best = d;
        }
    }
    suggestion.map(str::to_string)
}

/// The builtins module's names in CPython's dict order, and `sys.stdlib_module_names`
/// (`model/data/cpython_names.txt`, from `oracle/gen_names.py`).
fn names_table(list: &str, minor: u8) -> &'static [&'static str] {
    static DATA: &str = include_str!("../../data/cpython_names.txt");
    static T: OnceLock<Vec<(String, u8, Vec<&'static str>)>> = OnceLock::new();
    let t = T.get_or_init(|| {
        DATA.lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut it = l.split(' ');
                let kind = it.next()?.to_string();
                let minor = it.next()?.parse().ok()?;
                Some((kind, minor, it.collect()))
            })
            .collect()
    });
    let minor = minor.min(15);
    t.iter()
        .find(|(k, m, _)| k == list && *m == minor)
        .map(|(_, _, v)| &v[..])
        .unwrap_or(&[])
}

/// `builtins.__dict__` keys, in order.
pub fn builtin_names(minor: u8) -> &'static [&'static str] {
    names_table("builtins", minor)
}

/// `name in sys.stdlib_module_names` (3.10+).
pub fn is_stdlib_module(name: &str, minor: u8) -> bool {
    names_table("stdlib", minor).binary_search(&name).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    // Distances and suggestions printed by CPython 3.12's traceback module
    // (`traceback._levenshtein_distance`, `_compute_suggestion_error`).
    #[test]
    fn matches_cpython() {
        assert_eq!(levenshtein("slep", "sleap", 100), 2);
        assert_eq!(levenshtein("Lisst", "list", 100), 3);
        assert_eq!(levenshtein("gathr", "gather", 100), 2);
        assert_eq!(levenshtein("abc", "ABC", 100), 3);
        assert_eq!(levenshtein("ab", "abc", 1), 2);
        let c = ["sleep", "gather", "wait"];
        assert_eq!(
            closest(c.iter().copied(), "gathr", Algo::Python).as_deref(),
            Some("gather")
        );
        // 'ab' -> 'abc' costs 2: within C's 1/3 rule, beyond Python's len('ab') - 1.
        let c = ["abc"];
        assert_eq!(
            closest(c.iter().copied(), "ab", Algo::C).as_deref(),
            Some("abc")
        );
        assert_eq!(closest(c.iter().copied(), "ab", Algo::Python), None);
    }

    #[test]
    fn data_is_present() {
        assert!(builtin_names(12).contains(&"print"));
        assert_eq!(builtin_names(7)[0], "__name__");
        assert!(is_stdlib_module("asyncio", 12));
        assert!(!is_stdlib_module("aiospec", 12));
    }
}
