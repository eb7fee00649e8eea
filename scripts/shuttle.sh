#!/usr/bin/env bash
# The shuttle campaign (tests/shuttle.rs): generated programs on aiospec-impl's multi-worker
# executor under shuttle's randomized scheduler, every schedule drawn from its own seed, each
# distinct trace compared with the model at SPEC C3.
#   scripts/shuttle.sh [--programs N] [--schedules M] [--seed S] [--shard k/n] [--keep-going]
#   scripts/shuttle.sh --seed S --replay PROGRAM:SCHEDULE_SEED   # one schedule, printed
# Defaults: 1000 programs x 2000 schedules, seed 2026, shard 0/1. Prints the counts
# (programs x schedules, agreeing, skipped by reason, distinct traces) and the time.
set -euo pipefail
cd "$(dirname "$0")/.."
programs=1000 schedules=2000 seed=2026 shard=0/1 replay="" keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --programs) programs="$2"; shift 2 ;;
    --schedules) schedules="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --shard) shard="$2"; shift 2 ;;
    --replay) replay="$2"; shift 2 ;;
    --keep-going) keep=1; shift ;;
    *) echo "usage: $0 [--programs N] [--schedules M] [--seed S] [--shard k/n] [--keep-going] [--replay P:SEED]" >&2; exit 2 ;;
  esac
done
export RUSTFLAGS="--cfg shuttle"
export AIOSPEC_SHUTTLE_PROGRAMS="$programs" AIOSPEC_SHUTTLE_SCHEDULES="$schedules"
export AIOSPEC_SHUTTLE_SEED="$seed" AIOSPEC_SHUTTLE_SHARD="$shard"
[ -n "$replay" ] && export AIOSPEC_SHUTTLE_REPLAY="$replay"
[ -n "$keep" ] && export AIOSPEC_SHUTTLE_KEEP_GOING=1
exec cargo test --release --target-dir target/shuttle --test shuttle -- --nocapture --test-threads 1 \
  generated_programs_agree_with_the_model_on_every_schedule
