//! Explicit nondeterminism. Where CPython's behaviour depends on something a program does not
//! fix (a set's iteration order, which follows object addresses), the model asks a `Chooser`.
//! A plain run takes the first option everywhere; `explore` enumerates every sequence of
//! choices depth-first and collects the distinct traces (SPEC L6).

use std::collections::BTreeMap;

use crate::trace::Trace;

/// Decides each nondeterministic choice: an index in `0..n`.
pub trait Chooser {
    fn choose(&mut self, n: usize, why: &str) -> usize;

    /// A whole permutation of `items` (object keys, see `Runtime::object_key`) at the choice
    /// point named `key`, or None to let the model choose element by element.
    fn permutation(&mut self, _key: &str, _items: &[u64]) -> Option<Vec<usize>> {
        None
    }
}

/// Replays the set orders CPython recorded (the oracle's hints), taking the first option at
/// any other choice.
#[derive(Default, Debug, Clone)]
pub struct Hinted {
    pub hints: BTreeMap<String, Vec<u64>>,
    /// Choice points whose hint did not fit the model's items.
    pub misses: Vec<String>,
}

impl Chooser for Hinted {
    fn choose(&mut self, _n: usize, _why: &str) -> usize {
        0
    }

    fn permutation(&mut self, key: &str, items: &[u64]) -> Option<Vec<usize>> {
        let want = self.hints.get(key)?;
        let mut used = vec![false; items.len()];
        let mut perm = Vec::with_capacity(items.len());
        for k in want {
            match (0..items.len()).find(|&i| !used[i] && items[i] == *k) {
                Some(i) => {
                    used[i] = true;
                    perm.push(i);
                }
                None => break,
            }
        }
        if perm.len() != items.len() {
            self.misses.push(key.to_string());
            return None;
        }
        Some(perm)
    }
}

/// The default run: always the first option (for a set, the order its members were made in).
#[derive(Default)]
pub struct FirstChoice;

impl Chooser for FirstChoice {
    fn choose(&mut self, _n: usize, _why: &str) -> usize {
        0
    }
}

/// Replays a prefix of choices, then takes the first option; records every choice made.
#[derive(Default, Debug, Clone)]
pub struct Replay {
    pub prefix: Vec<usize>,
    /// (chosen, number of options, why) for every choice made in the run.
    pub made: Vec<(usize, usize, String)>,
}

impl Replay {
    pub fn new(prefix: Vec<usize>) -> Self {
        Replay {
            prefix,
            made: Vec::new(),
        }
    }
}

impl Chooser for Replay {
    fn choose(&mut self, n: usize, why: &str) -> usize {
        let i = self.made.len();
        let c = self
            .prefix
            .get(i)
            .copied()
            .unwrap_or(0)
            .min(n.saturating_sub(1));
        self.made.push((c, n, why.to_string()));
        c
    }
}

/// The next prefix in depth-first order after a run that made `made`, or None when the tree
/// is exhausted.
pub fn next_prefix(made: &[(usize, usize, String)]) -> Option<Vec<usize>> {
    let mut i = made.len();
    while i > 0 {
        i -= 1;
        let (c, n, _) = &made[i];
        if c + 1 < *n {
            let mut p: Vec<usize> = made[..i].iter().map(|m| m.0).collect();
            p.push(c + 1);
            return Some(p);
        }
    }
    None
}

/// The distinct outcomes of an exploration.
#[derive(Debug, Default)]
pub struct Exploration {
    /// Each distinct trace (by its JSON-lines form), with how many runs produced it and the
    /// choices of the first run that did.
    pub outcomes: BTreeMap<String, (usize, Vec<usize>, Trace)>,
    pub runs: usize,
    /// What stopped the enumeration before the tree was exhausted (the run limit, or the
    /// bound on the outcomes kept), if anything did.
    pub truncated: Option<String>,
}

/// The most an exploration keeps of its distinct outcomes (bytes of their JSON form): a
/// program with factorially many orders is cut off here rather than exhausting memory.
pub const MAX_KEPT_BYTES: usize = 256 << 20;

/// Enumerate the choice tree: `run` executes the program under a chooser and returns its
/// trace. `on_progress` is called after each run with the number of runs so far.
pub fn explore<E>(
    mut run: impl FnMut(&mut Replay) -> Result<Trace, E>,
    max_runs: usize,
    mut on_progress: impl FnMut(usize),
) -> Result<Exploration, E> {
    let mut out = Exploration::default();
    let mut prefix = Some(Vec::new());
    let mut kept = 0usize;
    while let Some(p) = prefix {
        if out.runs >= max_runs {
            out.truncated = Some(format!("the run limit ({max_runs} runs)"));
            break;
        }
        if kept > MAX_KEPT_BYTES {
            out.truncated = Some(format!(
                "the bound on outcomes kept ({} MiB)",
                MAX_KEPT_BYTES >> 20
            ));
            break;
        }
        let mut chooser = Replay::new(p);
        let trace = run(&mut chooser)?;
        out.runs += 1;
        on_progress(out.runs);
        let key = trace.to_json_lines();
        let choices: Vec<usize> = chooser.made.iter().map(|m| m.0).collect();
        let len = key.len();
        let entry = out.outcomes.entry(key).or_insert_with(|| {
            kept += 2 * len;
            (0, choices, trace)
        });
        entry.0 += 1;
        prefix = next_prefix(&chooser.made);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_first_enumerates_every_permutation_once() {
        // A permutation of 3 is two choices (3 then 2 options): 6 leaves.
        let mut seen = Vec::new();
        let ex = explore::<()>(
            |ch| {
                let a = ch.choose(3, "a");
                let b = ch.choose(2, "b");
                seen.push((a, b));
                Ok(Trace::default())
            },
            100,
            |_| {},
        )
        .expect("no error");
        assert_eq!(ex.runs, 6);
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), 6);
    }
}
