//! The input stream of a campaign: input `i` of seed `s` is always the same bytes, version
//! and Task implementation, whoever builds it.

use aiospec_model::{Impl, PyVersion};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

use crate::corpus::Corpus;
use crate::mutate;
use crate::rng::Rng;
use crate::stress;

/// One input: a file's bytes and name (its extension decides Python or a JSON scenario), and
/// how to run it.
#[derive(Clone, Debug)]
pub struct Input {
    /// What made it (for the summary and for regression notes).
    pub kind: &'static str,
    /// `fuzz.py` or `fuzz.json`.
    pub name: &'static str,
    pub bytes: Vec<u8>,
    pub v: PyVersion,
    pub imp: Impl,
}

/// The kinds of input, with their share of the stream.
pub const KINDS: &[(&str, u32)] = &[
    ("bytes", 6),
    ("corpus-bytes", 6),
    ("corpus-mutation", 40),
    ("corpus-soup", 8),
    ("stress", 14),
    ("generated", 12),
    ("generated-mutation", 14),
];

/// Input `index` of the campaign seeded with `seed`.
pub fn input(seed: u64, index: u64, corpus: &Corpus) -> Input {
    let mut rng = Rng::for_input(seed, index);
    let v = PyVersion::ALL[rng.below(PyVersion::ALL.len())];
    let imp = if rng.chance(1, 4) { Impl::Py } else { Impl::C };
    let k = rng.weighted(&KINDS.iter().map(|k| k.1).collect::<Vec<_>>());
    let kind = KINDS[k].0;
    let (name, bytes) = match kind {
        "bytes" => (py_or_json(&mut rng), random_bytes(&mut rng)),
        "corpus-bytes" => {
            let (_, text) = rng.pick(&corpus.programs);
            ("fuzz.py", damage_bytes(text.as_bytes(), &mut rng))
        }
        "corpus-mutation" => {
            let (_, text) = rng.pick(&corpus.programs);
            let n = rng.range(1, 6);
            (
                "fuzz.py",
                mutate::mutate(text, n, &mut rng, corpus).into_bytes(),
            )
        }
        "corpus-soup" => ("fuzz.py", soup(&mut rng, corpus).into_bytes()),
        "stress" => {
            let p = stress::program(&mut rng, corpus);
            let p = if rng.chance(1, 3) {
                mutate::mutate(&p, 1, &mut rng, corpus)
            } else {
                p
            };
            ("fuzz.py", p.into_bytes())
        }
        "generated" => ("fuzz.json", generated(&mut rng).into_bytes()),
        _ => (
            "fuzz.json",
            mutate_json(&generated(&mut rng), &mut rng, corpus),
        ),
    };
    Input {
        kind,
        name,
        bytes,
        v,
        imp,
    }
}

fn py_or_json(rng: &mut Rng) -> &'static str {
    if rng.chance(1, 4) {
        "fuzz.json"
    } else {
        "fuzz.py"
    }
}

fn random_bytes(rng: &mut Rng) -> Vec<u8> {
    let len = *rng.pick(&[0usize, 1, 2, 8, 64, 512, 4096, 65_536]);
    let len = rng.below(len + 1);
    let mode = rng.below(3);
    (0..len)
        .map(|_| match mode {
            0 => rng.next_u64() as u8,
            1 => *rng.pick(b" \n\t()[]{}:=+-*/%<>!.,'\"#\\0123456789abcdefxyz_"),
            _ => 0x20 + (rng.next_u64() % 0x5f) as u8,
        })
        .collect()
}

fn damage_bytes(text: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut b = text.to_vec();
    for _ in 0..rng.range(1, 6) {
        if b.is_empty() {
            break;
        }
        let i = rng.below(b.len());
        match rng.below(5) {
            0 => b[i] = rng.next_u64() as u8,
            1 => b[i] ^= 1 << rng.below(8),
            2 => {
                b.remove(i);
            }
            3 => b.insert(
                i,
                *rng.pick(&[0u8, 0x80, 0xc3, 0xe2, 0xf0, 0xff, b'\r', b'\t']),
            ),
            _ => b.truncate(i),
        }
    }
    b
}

/// A valid-looking program: corpus lines and walks through the corpus's token successions,
/// with indentation that follows the colons.
fn soup(rng: &mut Rng, corpus: &Corpus) -> String {
    let mut out = String::from("import asyncio\n");
    let mut level = 0usize;
    for _ in 0..rng.range(3, 40) {
        let line = if rng.chance(1, 2) {
            rng.pick(&corpus.lines).trim().to_string()
        } else {
            let start = rng.pick(&corpus.names).clone();
            let len = rng.range(1, 15);
            mutate::walk(rng, corpus, &start, len)
                .lines()
                .next()
                .unwrap_or("pass")
                .to_string()
        };
        out.push_str(&"    ".repeat(level));
        out.push_str(&line);
        out.push('\n');
        if line.ends_with(':') {
            level += 1;
        } else if level > 0 && rng.chance(1, 3) {
            level -= rng.range(1, level);
        }
    }
    if rng.chance(1, 2) {
        out.push_str("asyncio.run(main())\n");
    }
    out
}

/// A scenario from the oracle campaigns' generator (`aiospec::gen`).
fn generated(rng: &mut Rng) -> String {
    let mut bytes = [0u8; 32];
    for chunk in bytes.chunks_mut(8) {
        chunk.copy_from_slice(&rng.next_u64().to_le_bytes());
    }
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &bytes),
    );
    let strategy = if rng.chance(1, 4) {
        aiospec::gen::scenario_for_impl().boxed()
    } else {
        aiospec::gen::scenario().boxed()
    };
    match strategy.new_tree(&mut runner) {
        Ok(tree) => tree.current(),
        Err(_) => "{}".to_string(),
    }
}

/// Damage to a JSON scenario: its statements mutated as Python, values of the wrong type,
/// deep nesting, huge numbers, or plain byte damage.
fn mutate_json(text: &str, rng: &mut Rng, corpus: &Corpus) -> Vec<u8> {
    let Ok(mut j) = serde_json::from_str::<serde_json::Value>(text) else {
        return damage_bytes(text.as_bytes(), rng);
    };
    match rng.below(4) {
        0 => return damage_bytes(text.as_bytes(), rng),
        1 => {
            // A value replaced somewhere.
            let replacement = match rng.below(8) {
                0 => serde_json::json!(null),
                1 => serde_json::json!(1e308),
                2 => serde_json::json!(-1),
                3 => serde_json::json!([]),
                4 => serde_json::json!({}),
                5 => serde_json::json!("await asyncio.sleep(1e300)"),
                6 => serde_json::json!("x\ny"),
                _ => serde_json::json!({"if": "True", "then": ["pass"], "else": 3}),
            };
            replace_random(&mut j, replacement, rng);
        }
        2 => {
            // Deep JSON nesting.
            let depth = *rng.pick(&[10usize, 100, 127, 128, 129, 1000, 100_000]);
            let mut s = serde_json::to_string(&j).unwrap_or_default();
            let cut = s.rfind('}').unwrap_or(s.len());
            let nest = format!(
                ",\"main\": {}\"pass\"{}",
                "[".repeat(depth),
                "]".repeat(depth)
            );
            s.insert_str(cut, &nest);
            return s.into_bytes();
        }
        _ => {
            // Statements mutated as Python (kept one line: the scenario's rule).
            let mut strings = Vec::new();
            collect_strings(&mut j, &mut strings);
            for _ in 0..rng.range(1, 4) {
                if strings.is_empty() {
                    break;
                }
                let k = rng.below(strings.len());
                let s = strings[k].clone();
                let m = mutate::mutate_once(&s, rng, corpus);
                let m = if rng.chance(3, 4) {
                    m.replace(['\n', '\r'], " ")
                } else {
                    m
                };
                strings[k] = m;
            }
            let mut it = strings.into_iter();
            put_strings(&mut j, &mut it);
        }
    }
    serde_json::to_string_pretty(&j)
        .unwrap_or_default()
        .into_bytes()
}

fn collect_strings(j: &mut serde_json::Value, out: &mut Vec<String>) {
    match j {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter_mut().for_each(|x| collect_strings(x, out)),
        serde_json::Value::Object(o) => o.values_mut().for_each(|x| collect_strings(x, out)),
        _ => {}
    }
}

fn put_strings(j: &mut serde_json::Value, it: &mut impl Iterator<Item = String>) {
    match j {
        serde_json::Value::String(s) => {
            if let Some(n) = it.next() {
                *s = n;
            }
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(|x| put_strings(x, it)),
        serde_json::Value::Object(o) => o.values_mut().for_each(|x| put_strings(x, it)),
        _ => {}
    }
}

fn replace_random(j: &mut serde_json::Value, with: serde_json::Value, rng: &mut Rng) {
    let go_deeper = rng.chance(2, 3);
    match j {
        serde_json::Value::Array(a) if !a.is_empty() && go_deeper => {
            let i = rng.below(a.len());
            replace_random(&mut a[i], with, rng)
        }
        serde_json::Value::Object(o) if !o.is_empty() && go_deeper => {
            let i = rng.below(o.len());
            let child = o.values_mut().nth(i).expect("index in range");
            replace_random(child, with, rng)
        }
        _ => *j = with,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stream_is_deterministic_and_mixed() {
        let c = Corpus::from_programs(vec![]);
        let mut kinds = std::collections::BTreeSet::new();
        for i in 0..300 {
            let a = input(42, i, &c);
            let b = input(42, i, &c);
            assert_eq!(a.bytes, b.bytes);
            assert_eq!((a.v, a.imp, a.name), (b.v, b.imp, b.name));
            kinds.insert(a.kind);
        }
        assert_eq!(
            kinds.len(),
            KINDS.len(),
            "every kind of input appears: {kinds:?}"
        );
    }

    #[test]
    fn generated_scenarios_load() {
        let mut rng = Rng::new(9);
        for _ in 0..20 {
            let s = generated(&mut rng);
            assert!(aiospec_model::load_str(&s, "g.json").is_ok(), "{s}");
        }
    }
}
