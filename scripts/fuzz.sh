#!/usr/bin/env bash
# The crash-fuzzing campaign (fuzz/, crate aiospec-fuzz): inputs are loaded, compiled, run
# with a step budget, explored and exported in supervised worker processes; panics, signals
# (stack overflows, aborts), hangs and out-of-memory aborts are counted, and each failing
# input is written to fuzz/regressions/ (which `cargo test` replays).
#
#   scripts/fuzz.sh [--shard k/n] [--inputs N] [--seconds S] [--seed X] [--jobs J] [...]
#
# Shards split the input stream by index (input i belongs to shard i mod n), so n machines
# running --shard 0/n ... --shard n-1/n with the same seed and --inputs N/n cover the inputs
# 0 .. N-1 once. Defaults: 10000 inputs, 2 jobs, a seed from the clock (printed).
# The last line is the summary: inputs, panics, signals, hangs, OOMs, mismatches. Exit 1 if
# any of them is not 0.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p aiospec-fuzz --quiet
exec target/release/aiospec-fuzz "$@"
