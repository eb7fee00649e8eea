#!/usr/bin/env bash
# Every test: the workspace's tests (model, CLI, SPEC traceability, the corpus and generated
# scenarios against every installed CPython 3.7-3.13, the implementation), loom's
# interleavings of aiospec-impl's synchronisation (LOOM_MAX_PREEMPTIONS=2), and a short
# shuttle campaign (generated programs on several workers, SPEC C3; the long one is
# scripts/shuttle.sh).
#   AIOSPEC_FUZZ_CASES=N   generated scenarios per Python version (default 300)
#   AIOSPEC_SKIP_CPYTHON=1 skip the oracle tests explicitly when no CPython is installed
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --workspace --release
if [ -d impl/tests ] && ls impl/tests/loom_*.rs >/dev/null 2>&1; then
  RUSTFLAGS="--cfg loom" LOOM_MAX_PREEMPTIONS="${LOOM_MAX_PREEMPTIONS:-2}" \
    cargo test -p aiospec-impl --release --target-dir target/loom --test 'loom_*'
fi
RUSTFLAGS="--cfg shuttle" AIOSPEC_SHUTTLE_PROGRAMS="${AIOSPEC_SHUTTLE_PROGRAMS:-100}" \
  AIOSPEC_SHUTTLE_SCHEDULES="${AIOSPEC_SHUTTLE_SCHEDULES:-200}" \
  cargo test --release --target-dir target/shuttle --test shuttle
