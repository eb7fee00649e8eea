#!/usr/bin/env bash
# Headless Chromium for the timeline render test (tests/render.rs, issue 17): Debian's
# `chromium` package, installed with apt-get when it is absent (needs root and the Debian
# mirror). Prints the path of the browser on success; exits 1 with the reason otherwise,
# which the render test turns into its skip message.
#   --print   only print the path if Chromium is there; install nothing
set -euo pipefail
for exe in chromium chromium-browser; do
  if command -v "$exe" >/dev/null 2>&1; then
    command -v "$exe"
    exit 0
  fi
done
if [ "${1:-}" = --print ]; then
  echo "chromium.sh: no chromium on PATH" >&2
  exit 1
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "chromium.sh: chromium is not installed and this is not a Debian machine where root can apt-get install it" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core; } >&2; then
  echo "chromium.sh: apt-get install chromium failed" >&2
  exit 1
fi
command -v chromium
