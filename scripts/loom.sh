#!/usr/bin/env bash
# Every loom test of aiospec-impl, one at a time, with the time each takes.
#   LOOM_MAX_PREEMPTIONS=N  preemption bound (default 3; scripts/test.sh runs them at 2)
# Prints one line per test: seconds, iterations loom explored, test name.
set -euo pipefail
cd "$(dirname "$0")/.."
export LOOM_MAX_PREEMPTIONS="${LOOM_MAX_PREEMPTIONS:-3}"
export RUSTFLAGS="--cfg loom"
cargo test -p aiospec-impl --release --target-dir target/loom --test 'loom_*' --no-run 2>&1 | tail -1
echo "LOOM_MAX_PREEMPTIONS=$LOOM_MAX_PREEMPTIONS"
printf '%8s %12s  %s\n' seconds iterations test
total_start=$(date +%s.%N)
for f in impl/tests/loom_*.rs; do
  bin=$(basename "$f" .rs)
  for t in $(cargo test -p aiospec-impl --release --target-dir target/loom --test "$bin" -- --list 2>/dev/null | sed -n 's/: test$//p'); do
    start=$(date +%s.%N)
    out=$(LOOM_LOG=info cargo test -p aiospec-impl --release --target-dir target/loom --test "$bin" -- --exact "$t" --nocapture 2>&1) || {
      echo "$out" | tail -30
      echo "FAILED: $bin::$t"
      exit 1
    }
    end=$(date +%s.%N)
    iters=$(echo "$out" | sed -n 's/.*Completed in \([0-9]*\) iterations.*/\1/p' | awk '{s+=$1} END {print s+0}')
    printf '%8.2f %12s  %s::%s\n' "$(echo "$end - $start" | bc)" "$iters" "$bin" "$t"
  done
done
printf 'total %.1f s\n' "$(echo "$(date +%s.%N) - $total_start" | bc)"
