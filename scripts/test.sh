#!/usr/bin/env bash
# Every test: the workspace's tests (model, CLI, SPEC traceability, the corpus and generated
# scenarios against every installed CPython 3.7-3.13, the implementation) and loom's
# interleavings of aiospec-impl's synchronisation.
#   AIOSPEC_FUZZ_CASES=N   generated scenarios per Python version (default 300)
#   AIOSPEC_SKIP_CPYTHON=1 skip the oracle tests explicitly when no CPython is installed
#   AIOSPEC_FUZZ_SECONDS=S the bounded fuzz campaign's length (default 60; 0 skips it)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --workspace --release
# A bounded crash-fuzzing campaign (fuzz/, SPEC M3/M4): about a minute of inputs through
# load, compile, run, explore and export; any panic, signal, hang or out-of-memory abort
# fails the suite, and the input is written to fuzz/regressions/ (replayed by cargo test).
# The seed comes from the clock and is printed with the summary.
if [ "${AIOSPEC_FUZZ_SECONDS:-60}" != 0 ]; then
  bash scripts/fuzz.sh --seconds "${AIOSPEC_FUZZ_SECONDS:-60}" --jobs 2 --progress-secs 0
fi
if [ -d impl/tests ] && ls impl/tests/loom_*.rs >/dev/null 2>&1; then
  RUSTFLAGS="--cfg loom" LOOM_MAX_PREEMPTIONS="${LOOM_MAX_PREEMPTIONS:-2}" \
    cargo test -p aiospec-impl --release --target-dir target/loom --test 'loom_*'
fi
