#!/usr/bin/env bash
# Every test: the workspace's tests (model, CLI, SPEC traceability, the corpus and generated
# scenarios against every installed CPython 3.7-3.13, the implementation) and loom's
# interleavings of aiospec-impl's synchronisation.
#   AIOSPEC_FUZZ_CASES=N   generated scenarios per Python version (default 300)
#   AIOSPEC_SKIP_CPYTHON=1 skip the oracle tests explicitly when no CPython is installed
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --workspace --release
if [ -d impl/tests ] && ls impl/tests/loom_*.rs >/dev/null 2>&1; then
  RUSTFLAGS="--cfg loom" LOOM_MAX_PREEMPTIONS="${LOOM_MAX_PREEMPTIONS:-2}" \
    cargo test -p aiospec-impl --release --target-dir target/loom --test 'loom_*'
fi
