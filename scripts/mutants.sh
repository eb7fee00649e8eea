#!/usr/bin/env bash
# Mutation testing of the model (aiospec-model) and of aiospec-impl with cargo-mutants, in
# pieces that can run on several machines at once:
#
#   scripts/mutants.sh --shard 0/300      # this machine's share of the mutants
#   scripts/mutants.sh -f model/src/asyncio/base_events.rs -F run_once   # some functions
#   scripts/mutants.sh --list             # the mutants, without testing them
#
# The model's mutants are tested with the tests that compare it with CPython or pin its
# rules: tests/oracle.rs (the corpus and generated scenarios against CPython 3.7-3.13),
# tests/rules.rs, tests/seed.rs, tests/busy_timeouts.rs, and the workspace's unit tests
# (cargo test --workspace --lib --test ...). The model's files are chosen by excluding the
# others from a workspace run: with --package aiospec-model, cargo-mutants 27 ran the
# tests of that package alone, whatever --test-package or --test-workspace said. aiospec-impl's mutants are tested with
# aiospec-impl's own tests. The two
# crates are two cargo-mutants runs, one after the other, each given every argument
# (--shard k/n takes shard k of each crate's mutants; shards are dealt round-robin, so a
# single shard is a sample of the whole crate). MUTANTS_CRATES=model or =impl runs one.
#
# Results go to mutants.out/model/mutants.out/ and mutants.out/impl/mutants.out/
# (MUTANTS_OUT overrides the first mutants.out); each run's last lines give its caught/missed/unviable/timeout counts, and
# missed.txt lists the mutants no test killed. Exit status: 0 when no mutant was missed,
# else the first non-zero status of cargo mutants (2: missed mutants, 3: timeouts).
# MUTANTS_TIMEOUT: seconds per model mutant's tests (default 900); MUTANTS_SKIP_BASELINE=1
# skips the unmutated run of the model's tests.
# Needs cargo-mutants (`cargo install cargo-mutants --locked`) and CPython 3.7-3.13 under
# pyenv for the oracle tests. CARGO_BUILD_JOBS limits each build's parallelism as usual.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! cargo mutants --version >/dev/null 2>&1; then
  echo "scripts/mutants.sh: cargo-mutants is missing: cargo install cargo-mutants --locked" >&2
  exit 2
fi
out="${MUTANTS_OUT:-mutants.out}"
crates="${MUTANTS_CRATES:-model impl}"
# Shards are dealt round-robin (cargo mutants wants --sharding only with --shard).
sharding=()
for a in "$@"; do
  case "$a" in --shard|--shard=*) sharding=(--sharding round-robin) ;; esac
done
status=0
for crate in $crates; do
  mkdir -p "$out/$crate"
  case "$crate" in
    model)
      # cargo-mutants 27 runs its baseline with the mutated package's tests only (its
      # run_baseline), where --test oracle does not exist: the baseline is run here, on
      # this tree, and skipped there (with a fixed timeout per mutant instead).
      if [ "${MUTANTS_SKIP_BASELINE:-0}" != 1 ] && ! printf '%s\n' "$@" | grep -qx -- '--list'; then
        cargo test --profile release --workspace \
          --lib --test oracle --test rules --test seed --test busy_timeouts
      fi
      set +e
      cargo mutants \
        --workspace \
        --exclude 'src/**' --exclude 'impl/**' --exclude 'fuzz/**' \
        --exclude 'tests/**' --exclude 'benches/**' \
        --test-workspace=true \
        --baseline=skip --timeout "${MUTANTS_TIMEOUT:-900}" \
        --profile release \
        "${sharding[@]}" \
        --output "$out/model" \
        "$@" \
        -- --lib --test oracle --test rules --test seed --test busy_timeouts
      s=$?
      set -e
      ;;
    impl)
      set +e
      cargo mutants \
        --package aiospec-impl \
        --test-package aiospec-impl \
        --profile release \
        "${sharding[@]}" \
        --output "$out/impl" \
        "$@"
      s=$?
      set -e
      ;;
    *)
      echo "scripts/mutants.sh: MUTANTS_CRATES names model and impl, not $crate" >&2
      exit 2
      ;;
  esac
  if [ "$status" -eq 0 ] && [ "$s" -ne 0 ]; then
    status=$s
  fi
done
exit "$status"
