#!/usr/bin/env bash
# CONFORMANCE.md: the corpus on every other asyncio implementation scripts/pythons.sh
# installs (PyPy 3.9 and 3.11, uvloop on each CPython, MicroPython, Pyodide), each compared
# with the model (`aiospec conformance`). Real-time targets take minutes each.
#   scripts/conformance.sh [--shard k/n] [--target NAMES] [--out FILE]
# --shard k/n runs every n-th target from the k-th (0-based) and writes CONFORMANCE.k.md;
# without it every target is run into CONFORMANCE.md.
set -euo pipefail
cd "$(dirname "$0")/.."
shard="" target="" outfile=""
while [ $# -gt 0 ]; do
  case "$1" in
    --shard) shard=$2; shift 2 ;;
    --target) target=$2; shift 2 ;;
    --out) outfile=$2; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "conformance.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
bash scripts/pythons.sh --only pypy,micropython,uvloop,pyodide >&2
cargo build --release --quiet
inv=$(mktemp); trap 'rm -f "$inv"' EXIT
bash scripts/pythons.sh --print | grep -v '^cpython ' > "$inv"
if [ -n "$shard" ]; then
  k=${shard%/*} n=${shard#*/}
  awk -v k="$k" -v n="$n" '(NR-1) % n == k' "$inv" > "$inv.s" && mv "$inv.s" "$inv"
  outfile=${outfile:-CONFORMANCE.$k.md}
fi
outfile=${outfile:-CONFORMANCE.md}
args=(conformance examples --inventory "$inv" --out "$outfile")
[ -n "$target" ] && args+=(--target "$target")
time target/release/aiospec "${args[@]}"
echo "wrote $outfile" >&2
