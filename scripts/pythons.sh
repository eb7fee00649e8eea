#!/usr/bin/env bash
# Provision every Python that aiospec checks its model against, beyond the pyenv CPythons:
#   cpython      CPython 3.14/3.15 from Debian forky and sid, in debootstrap chroots
#   pypy         PyPy 3.9 on the host (Debian bookworm) and PyPy 3.11 in the forky chroot
#   micropython  MicroPython 1.26 in the forky chroot
#   uvloop       uvloop from PyPI in one venv per interpreter (pyenv CPythons >= 3.7 on the
#                host, CPython 3.14/3.15 inside each chroot)
#   pyodide      Pyodide from npm (CPython 3.14 on WebAssembly) under the host's Node
#   pyenv        the host's pyenv CPythons >= 3.7 (listed only: nothing is installed)
#
# Usage: scripts/pythons.sh [--only LIST] [--print | --verify] [--help]
#   --only LIST  comma-separated subset of the components above (default: all of them)
#   --print      install nothing; print the inventory of what is installed, one line per
#                interpreter: NAME VERSION PATH-OR-COMMAND, where PATH-OR-COMMAND is one of
#                  /abs/path/python              run it on the host
#                  chroot:DIR:/path/in/chroot    run it as: CACHE/bin/in-chroot DIR /path/in/chroot ARGS
#                                                (or plainly: chroot DIR /path/in/chroot ARGS)
#                  node:DIR/run.js               run it as: node DIR/run.js [-c CODE | FILE | -] ARGS
#   --verify     install nothing; run asyncio.run(asyncio.sleep(0)) on every installed
#                interpreter and print "ok NAME VERSION sys.version"; non-zero if one fails
# Environment: AIOSPEC_PYTHONS        cache directory (default ~/.cache/aiospec/pythons)
#              AIOSPEC_DEBIAN_MIRROR  Debian mirror for debootstrap (default: the host's own)
#              AIOSPEC_PYODIDE_VERSION (default 314.0.7)
# Idempotent: every step checks what exists first; a second run takes seconds.
# Needs root (debootstrap, chroot, apt-get). Progress goes to stderr when it is a terminal;
# command output goes to CACHE/logs/*.log, and a failure names its step and shows the log's tail.
set -Eeuo pipefail

T0=$(date +%s.%N)
SELF=$(basename "$0")
CACHE=${AIOSPEC_PYTHONS:-$HOME/.cache/aiospec/pythons}
PYODIDE_VERSION=${AIOSPEC_PYODIDE_VERSION:-314.0.7}
ALL_COMPONENTS="pyenv cpython pypy micropython uvloop pyodide"
SUITES="forky sid"           # chroot suites; forky also holds PyPy 3.11 and MicroPython
CHROOT_PY="3.14 3.15"        # CPython minor versions installed in every chroot
WORK=aiospec-work            # shared directory: host CACHE/chroots/SUITE/aiospec-work = /aiospec-work inside

STEP="start"
[ -t 2 ] && TTY=1 || TTY=0
say() { [ "$TTY" = 1 ] && printf '%s: %s\n' "$SELF" "$*" >&2 || true; }
warn() { printf '%s: %s\n' "$SELF" "$*" >&2; }
die() { warn "FAILED at step: $STEP${1:+ ($1)}; after $(elapsed) s"; exit 1; }
trap 'die "line $LINENO: $BASH_COMMAND"' ERR
step() { STEP=$*; say "$STEP"; }
slug() { printf '%s' "$STEP" | tr -c 'A-Za-z0-9.@-' '_' | cut -c1-80; }
# run CMD...: output to this step's log; on failure show the log's tail and stop.
run() {
  local log; log="$CACHE/logs/$(slug).log"
  if ! "$@" >>"$log" 2>&1; then
    warn "command failed: $*"; warn "--- last lines of $log:"; tail -n 25 "$log" >&2 || true
    die
  fi
}
elapsed() { awk -v a="$T0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

usage() { sed -n '2,/^set -E/p' "$0" | sed '$d; s/^# \{0,1\}//'; }
ONLY=$ALL_COMPONENTS MODE=install
while [ $# -gt 0 ]; do
  case $1 in
    --only) [ $# -ge 2 ] || { warn "--only needs a list"; exit 2; }; ONLY=${2//,/ }; shift 2 ;;
    --only=*) ONLY=${1#--only=}; ONLY=${ONLY//,/ }; shift ;;
    --print) MODE=print; shift ;;
    --verify) MODE=verify; shift ;;
    -h|--help) usage; exit 0 ;;
    *) warn "unknown argument: $1 (try --help)"; exit 2 ;;
  esac
done
for c in $ONLY; do
  case " $ALL_COMPONENTS " in *" $c "*) ;; *) warn "unknown component: $c (one of: $ALL_COMPONENTS)"; exit 2 ;; esac
done
want() { case " $ONLY " in *" $1 "*) return 0 ;; esac; return 1; }
# uvloop's chroot venvs need the chroot CPythons, and its host venvs the pyenv ones.
if [ "$MODE" = install ] && want uvloop; then want cpython || ONLY="$ONLY cpython"; want pyenv || ONLY="$ONLY pyenv"; fi

case $CACHE in *[[:space:]:]*) warn "cache path must not contain spaces or colons: $CACHE"; exit 2 ;; esac
[ "$(id -u)" = 0 ] || { warn "must run as root (debootstrap, chroot, apt-get)"; exit 2; }
mkdir -p "$CACHE/logs" "$CACHE/bin" "$CACHE/chroots" "$CACHE/venvs"
CACHE=$(cd "$CACHE" && pwd -P)
exec 9>"$CACHE/.lock"
flock 9

export DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8
unset PIP_FIND_LINKS || true   # a host-only wheel directory; meaningless inside a chroot

PYENV_ROOT_DIR=$( (command -v pyenv >/dev/null && pyenv root) || echo "${PYENV_ROOT:-$HOME/.pyenv}")
pyenv_versions() {   # the pyenv CPythons >= 3.7, oldest first
  local d
  for d in "$PYENV_ROOT_DIR"/versions/3.*; do
    [ -x "$d/bin/python" ] || continue
    case ${d##*/} in 3.[0-6].*|*[!0-9.]*) continue ;; esac
    echo "${d##*/}"
  done | sort -t. -k1,1n -k2,2n -k3,3n
}
chroot_dir() { echo "$CACHE/chroots/$1"; }
in_chroot() { local d=$1; shift; "$CACHE/bin/in-chroot" "$d" "$@"; }

# ---------------------------------------------------------------- wrappers (always rewritten)
write_if_changed() {   # write_if_changed FILE MODE < content
  local tmp; tmp=$(mktemp "$1.XXXXXX")
  cat >"$tmp"; chmod "$2" "$tmp"
  if cmp -s "$tmp" "$1" 2>/dev/null; then rm -f "$tmp"; else mv -f "$tmp" "$1"; fi
}
write_in_chroot() {
  write_if_changed "$CACHE/bin/in-chroot" 755 <<'EOF'
#!/bin/sh
# in-chroot DIR PROGRAM [ARGS...]: run PROGRAM inside the chroot DIR (as root), with its own
# /proc mounted in a private mount namespace (gone when PROGRAM exits: nothing to unmount),
# a plain PATH, and /aiospec-work (= DIR/aiospec-work on the host) as working directory.
# The rest of the environment is passed through (PYTHON*, NO_COLOR, TERM...).
set -e
[ $# -ge 2 ] || { echo "usage: in-chroot DIR PROGRAM [ARGS...]" >&2; exit 2; }
dir=$1; shift
exec unshare --mount --fork --mount-proc="$dir/proc" chroot "$dir" /usr/bin/env -C /aiospec-work \
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"
EOF
}

# ---------------------------------------------------------------- host packages
HOST_APT_UPDATED=0
host_apt() {   # host_apt PKG...: install the missing ones
  local p missing=()
  for p in "$@"; do
    [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" = "install ok installed" ] || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  step "host: apt-get install ${missing[*]}"
  if [ "$HOST_APT_UPDATED" = 0 ]; then run apt-get update -q; HOST_APT_UPDATED=1; fi
  run apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# ---------------------------------------------------------------- chroots
debian_mirror() {
  [ -n "${AIOSPEC_DEBIAN_MIRROR:-}" ] && { echo "$AIOSPEC_DEBIAN_MIRROR"; return; }
  local f u
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    # deb822 "URIs: X" lines and one-line "deb [opts] X suite" entries; the main archive ends in /debian
    u=$(awk '/^[[:space:]]*#/ { next }
             tolower($1) == "uris:" { for (i = 2; i <= NF; i++) print $i }
             $1 == "deb" { for (i = 2; i <= NF; i++) if ($i !~ /^\[/ && $i !~ /\]$/) { print $i; break } }' "$f" |
        grep -E '/debian/?$' | head -n1 || true)
    [ -n "$u" ] && { echo "${u%/}"; return; }
  done
  return 1
}

chroot_apt() {   # chroot_apt DIR PKG...: install the missing ones inside the chroot
  local d=$1 p missing=(); shift
  for p in "$@"; do
    [ "$(chroot "$d" dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" = "install ok installed" ] || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  step "chroot ${d##*/}: apt-get install ${missing[*]}"
  run in_chroot "$d" apt-get update -q
  run in_chroot "$d" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

umount_under() {   # leftovers of an interrupted debootstrap, deepest first
  local m
  awk -v p="$1/" 'index($2, p) == 1 { print $2 }' /proc/mounts | sort -r | while read -r m; do
    umount -l "$m" || true
  done
}

ensure_chroot() {   # ensure_chroot SUITE: base system, apt/pip configuration, shared directory
  local s=$1 d; d=$(chroot_dir "$s")
  if [ ! -f "$d/.aiospec-base-ok" ]; then
    if [ -e "$d" ]; then
      step "chroot $s: removing an incomplete chroot"
      umount_under "$d"; rm -rf --one-file-system "$d"
    fi
    local mirror script=
    mirror=$(debian_mirror) || { STEP="chroot $s: find the Debian mirror"; die "no /debian URI in /etc/apt/sources.list*; set AIOSPEC_DEBIAN_MIRROR"; }
    # bookworm's debootstrap has no script for suites newer than trixie: they all use "sid"'s
    [ -e "/usr/share/debootstrap/scripts/$s" ] || script=/usr/share/debootstrap/scripts/sid
    step "chroot $s: debootstrap --variant=minbase $s from $mirror"
    run debootstrap --variant=minbase "$s" "$d" "$mirror" $script
    touch "$d/.aiospec-base-ok"
  fi
  # The suites' Release files are frozen snapshots whose Valid-Until has passed.
  write_if_changed "$d/etc/apt/apt.conf.d/99aiospec" 644 <<'EOF'
Acquire::Check-Valid-Until "false";
APT::Install-Recommends "false";
Dpkg::Use-Pty "0";
EOF
  # pip trusts the system store, which gets the host's locally added CAs (below)
  write_if_changed "$d/etc/pip.conf" 644 <<'EOF'
[global]
cert = /etc/ssl/certs/ca-certificates.crt
disable-pip-version-check = true
EOF
  mkdir -p "$d/$WORK" "$d/opt/aiospec"; chmod 1777 "$d/$WORK"
  [ -s "$d/etc/resolv.conf" ] || cp -L /etc/resolv.conf "$d/etc/resolv.conf"
}

ensure_chroot_cas() {   # the host's locally added CA certificates, for pip inside the chroot
  local d=$1 f changed=0
  chroot_apt "$d" ca-certificates
  mkdir -p "$d/usr/local/share/ca-certificates"
  for f in /usr/local/share/ca-certificates/*; do
    [ -f "$f" ] || continue
    cmp -s "$f" "$d/usr/local/share/ca-certificates/${f##*/}" || { cp "$f" "$d/usr/local/share/ca-certificates/"; changed=1; }
  done
  if [ "$changed" = 1 ] || [ ! -s "$d/etc/ssl/certs/ca-certificates.crt" ]; then
    step "chroot ${d##*/}: update-ca-certificates"
    run in_chroot "$d" update-ca-certificates
  fi
}

uvloop_venv() {   # uvloop_venv VENV PYTHON [DIR]: VENV and PYTHON are paths inside DIR when given
  local v=$1 py=$2 d=${3:-} host x=()
  host=$d$v
  if [ -n "$d" ]; then x=(in_chroot "$d"); fi
  # done before, and its interpreter still there (a venv's python is a symlink to it)
  if [ -f "$host/.aiospec-ok" ] && "${x[@]}" "$v/bin/python" -c '' 2>/dev/null; then return 0; fi
  step "uvloop: venv $v${d:+ in chroot ${d##*/}}"
  rm -rf "$host"
  run "${x[@]}" "$py" -m venv "$v"
  run "${x[@]}" "$v/bin/python" -m pip install -q --only-binary=:all: uvloop
  run "${x[@]}" "$v/bin/python" -c 'import uvloop'
  touch "$host/.aiospec-ok"
}

suite_job() {   # everything inside one chroot
  local s=$1 d v; d=$(chroot_dir "$s")
  ensure_chroot "$s"
  local pkgs=()
  if want cpython || want uvloop; then for v in $CHROOT_PY; do pkgs+=("python$v"); done; fi
  if want uvloop; then for v in $CHROOT_PY; do pkgs+=("python$v-venv"); done; fi
  if [ "$s" = forky ] && want pypy; then pkgs+=(pypy3); fi
  if [ "$s" = forky ] && want micropython; then pkgs+=(micropython); fi
  if [ ${#pkgs[@]} -gt 0 ]; then chroot_apt "$d" "${pkgs[@]}"; fi
  if want uvloop; then
    ensure_chroot_cas "$d"
    for v in $CHROOT_PY; do uvloop_venv "/opt/aiospec/uvloop-$v" "/usr/bin/python$v" "$d"; done
  fi
  return 0
}

# ---------------------------------------------------------------- host jobs
write_run_js() {
  write_if_changed "$CACHE/pyodide/run.js" 644 <<'EOF'
#!/usr/bin/env node
// node run.js [-c CODE | FILE | -] [ARGS...]: run Python under Pyodide, like `python`.
// Files are host paths. Exit status: 0, SystemExit's code, or 1 after an uncaught exception
// (its traceback on stderr). asyncio.run needs WebAssembly stack switching (JSPI): under Node 20
// that takes --experimental-wasm-stack-switching, which this script adds itself by re-running.
"use strict";
const fs = require("fs");
const path = require("path");
const FLAG = "--experimental-wasm-stack-switching";
const hasJspi = typeof WebAssembly.Suspending === "function" || typeof WebAssembly.Suspender === "function";
if (!hasJspi && !process.execArgv.includes(FLAG)) {
  const r = require("child_process").spawnSync(process.execPath,
    [FLAG, ...process.execArgv, __filename, ...process.argv.slice(2)], { stdio: "inherit" });
  if (r.error) throw r.error;
  process.exit(r.status === null ? 1 : r.status);
}
const args = process.argv.slice(2);
let src, filename, argv;
if (args[0] === "-c") {
  if (args.length < 2) { process.stderr.write("run.js: -c needs an argument\n"); process.exit(2); }
  src = args[1]; filename = "<string>"; argv = ["-c", ...args.slice(2)];
} else if (args.length === 0 || args[0] === "-") {
  src = fs.readFileSync(0, "utf8"); filename = "<stdin>"; argv = [args.length ? "-" : "", ...args.slice(1)];
} else {
  src = fs.readFileSync(args[0], "utf8"); filename = args[0]; argv = args;
}
const { loadPyodide } = require(path.join(__dirname, "node_modules", "pyodide", "pyodide.js"));
const out = (fd) => ({ write: (buf) => { fs.writeSync(fd, buf); return buf.length; }, isatty: false });
(async () => {
  const py = await loadPyodide();
  py.setStdout(out(1));
  py.setStderr(out(2));
  py.globals.set("_aiospec_src", src);
  py.globals.set("_aiospec_filename", filename);
  py.globals.set("_aiospec_argv", py.toPy(argv));
  const status = await py.runPythonAsync(`
def _aiospec_main(src, filename, argv):
    import sys, linecache
    sys.argv = list(argv)
    # the host's files are not in Pyodide's file system: let tracebacks show source lines
    linecache.cache[filename] = (len(src), None, src.splitlines(True), filename)
    g = {"__name__": "__main__", "__builtins__": __builtins__}
    if filename != "<string>" and filename != "<stdin>":
        g["__file__"] = filename
    try:
        exec(compile(src, filename, "exec"), g)
    except SystemExit as e:
        c = e.code
        if c is None:
            return 0
        if isinstance(c, int):
            return c
        print(c, file=sys.stderr)
        return 1
    except BaseException as e:
        sys.excepthook(type(e), e, e.__traceback__.tb_next)
        return 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    return 0
_aiospec_main(_aiospec_src, _aiospec_filename, _aiospec_argv)
`);
  process.exitCode = status;
})().catch((e) => { process.stderr.write(String(e && e.stack || e) + "\n"); process.exitCode = 1; });
EOF
}

pyodide_job() {
  local d=$CACHE/pyodide
  command -v node >/dev/null || { STEP="pyodide: find node"; die "node is not installed (Node 20 is expected on the host)"; }
  mkdir -p "$d"
  if [ "$(node -p "try { require('$d/node_modules/pyodide/package.json').version } catch (e) { '' }")" != "$PYODIDE_VERSION" ]; then
    step "pyodide: npm install pyodide@$PYODIDE_VERSION"
    [ -f "$d/package.json" ] || echo '{ "private": true }' >"$d/package.json"
    run npm install --prefix "$d" --no-audit --no-fund --no-save "pyodide@$PYODIDE_VERSION"
  fi
  write_run_js
}

host_job() {
  if want pypy; then host_apt pypy3; fi
  if want pyodide; then pyodide_job; fi
  if want uvloop; then
    local v
    for v in $(pyenv_versions); do
      uvloop_venv "$CACHE/venvs/uvloop-$v" "$PYENV_ROOT_DIR/versions/$v/bin/python"
    done
  fi
  return 0
}

# ---------------------------------------------------------------- inventory
pyver() { "$@" -c 'import platform; print(platform.python_version())'; }
uvloop_version() {   # from the venv's dist-info: no interpreter start
  local f; f=$(ls -d "$1"/lib/python*/site-packages/uvloop-*.dist-info 2>/dev/null | head -n1)
  f=${f##*/uvloop-}; echo "${f%.dist-info}"
}
inventory() {   # NAME VERSION PATH-OR-COMMAND, for what is installed among the selected components
  local v s d p missing=()
  if want pyenv; then
    for v in $(pyenv_versions); do echo "cpython $v $PYENV_ROOT_DIR/versions/$v/bin/python"; done
  fi
  if want cpython; then
    for s in $SUITES; do
      d=$(chroot_dir "$s")
      for v in $CHROOT_PY; do
        if [ -x "$d/usr/bin/python$v" ]; then echo "cpython $(pyver in_chroot "$d" "/usr/bin/python$v") chroot:$d:/usr/bin/python$v"
        else missing+=("cpython $v ($s)"); fi
      done
    done
  fi
  if want pypy; then
    if [ -x /usr/bin/pypy3 ]; then echo "pypy $(pyver /usr/bin/pypy3) /usr/bin/pypy3"; else missing+=("pypy (host)"); fi
    d=$(chroot_dir forky)
    if [ -x "$d/usr/bin/pypy3" ]; then echo "pypy $(pyver in_chroot "$d" /usr/bin/pypy3) chroot:$d:/usr/bin/pypy3"; else missing+=("pypy (forky)"); fi
  fi
  if want micropython; then
    d=$(chroot_dir forky)
    if [ -x "$d/usr/bin/micropython" ]; then
      echo "micropython $(in_chroot "$d" /usr/bin/micropython -c 'import sys; print("%d.%d.%d" % sys.implementation.version[:3])') chroot:$d:/usr/bin/micropython"
    else missing+=("micropython (forky)"); fi
  fi
  if want uvloop; then
    for v in $(pyenv_versions); do
      p=$CACHE/venvs/uvloop-$v
      if [ -f "$p/.aiospec-ok" ]; then echo "uvloop@$v $(uvloop_version "$p") $p/bin/python"; else missing+=("uvloop@$v"); fi
    done
    for s in $SUITES; do
      d=$(chroot_dir "$s")
      for v in $CHROOT_PY; do
        p=/opt/aiospec/uvloop-$v
        if [ -f "$d$p/.aiospec-ok" ]; then
          echo "uvloop@$(pyver in_chroot "$d" "/usr/bin/python$v") $(uvloop_version "$d$p") chroot:$d:$p/bin/python"
        else missing+=("uvloop@$v ($s)"); fi
      done
    done
  fi
  if want pyodide; then
    d=$CACHE/pyodide
    if [ -f "$d/run.js" ] && [ -f "$d/node_modules/pyodide/pyodide-lock.json" ]; then
      echo "pyodide $(node -p "require('$d/node_modules/pyodide/pyodide-lock.json').info.python") node:$d/run.js"
    else missing+=("pyodide"); fi
  fi
  [ ${#missing[@]} -eq 0 ] || warn "not installed (run $SELF to install): ${missing[*]}"
}

VERIFY_PY='import sys, asyncio
asyncio.run(asyncio.sleep(0))
print(sys.version.replace("\n", " "))'
VERIFY_UVLOOP='import sys, asyncio, uvloop
async def main():
    await asyncio.sleep(0)
    return type(asyncio.get_running_loop()).__module__
assert uvloop.run(main()).startswith("uvloop"), "not a uvloop loop"
print(sys.version.replace("\n", " "))'
# MicroPython: asyncio.sleep(0) is not a coroutine there (asyncio.run rejects it), so wrap it.
VERIFY_MICRO='import sys, asyncio
async def main():
    await asyncio.sleep(0)
asyncio.run(main())
print(sys.version)'
verify() {
  local name ver where code out fails=0 cmd
  while read -r name ver where; do
    case $name in micropython) code=$VERIFY_MICRO ;; uvloop@*) code=$VERIFY_UVLOOP ;; *) code=$VERIFY_PY ;; esac
    case $where in
      chroot:*) cmd=("$CACHE/bin/in-chroot" "$(echo "$where" | cut -d: -f2)" "$(echo "$where" | cut -d: -f3)") ;;
      node:*) cmd=(node "${where#node:}") ;;
      *) cmd=("$where") ;;
    esac
    if out=$("${cmd[@]}" -c "$code" 2>&1); then echo "ok $name $ver $out"
    else echo "FAIL $name $ver $where: $out"; fails=$((fails + 1)); fi
  done < <(inventory)
  [ "$fails" = 0 ] || { warn "$fails interpreter(s) failed"; return 1; }
}

# ---------------------------------------------------------------- main
write_in_chroot
case $MODE in
  print) STEP="print the inventory"; inventory; say "done in $(elapsed) s"; exit 0 ;;
  verify) STEP="verify"; verify; warn "verified in $(elapsed) s"; exit 0 ;;
esac

if want pyenv && [ -z "$(pyenv_versions)" ]; then
  STEP="pyenv: find the host CPythons"; die "no CPython >= 3.7 under $PYENV_ROOT_DIR/versions"
fi
need_chroots=0
{ want cpython || want pypy || want micropython || want uvloop; } && need_chroots=1
[ "$need_chroots" = 1 ] && host_apt debootstrap

# The chroots and the host's installs are independent: build them side by side.
pids=() names=()
if [ "$need_chroots" = 1 ]; then
  for s in $SUITES; do
    if [ "$s" != forky ] && ! want cpython && ! want uvloop; then continue; fi
    suite_job "$s" & pids+=($!); names+=("chroot $s")
  done
fi
host_job & pids+=($!); names+=("host")
failed=()
for i in "${!pids[@]}"; do wait "${pids[$i]}" || failed+=("${names[$i]}"); done
if [ ${#failed[@]} -gt 0 ]; then STEP="parallel jobs"; die "failed: ${failed[*]} (see the messages above and $CACHE/logs)"; fi
STEP="done"
warn "installed [$ONLY] in $CACHE; total time $(elapsed) s"
