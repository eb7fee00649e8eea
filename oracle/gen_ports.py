"""Write PORTS.md: which of CPython's own asyncio tests the corpus ports, per family and version.

Families (each test is named by the class that defines it, as `file::Class::test_name`; a test
defined in a base class or mixin runs in every subclass but is listed once):
  gather    test_tasks.py: classes GatherTestsBase, FutureGatherTests, CoroutineGatherTests,
            and tests of BaseTaskTests whose name has the word `gather`
  wait      test_tasks.py: tests whose name has the word `wait` not followed by `for`
            (words are split on `_`, so `await`, `awaited` and `waiter` do not count)
  wait_for  test_waitfor.py (3.8's test_asyncio_waitfor.py, renamed test_waitfor.py in 3.9, is
            listed under test_waitfor.py), and test_tasks.py tests whose name has `wait_for`
  locks     test_locks.py, every test
  queues    test_queues.py, every test
  as_completed  test_tasks.py: tests whose name contains `as_completed` (and no family above)
  shield    test_tasks.py: tests whose name contains `shield` (and no family above: gather's
            test_gather_shield/test_shield_gather and wait's test_yield_wait_does_not_shield_cancel
            stay where they were; test_waitfor.py's WaitForShieldTests stay in wait_for, which
            is every test of that file)
  taskgroups  test_taskgroups.py, every test (3.11+)
  timeouts  test_timeouts.py, every test (3.11+)
  eager     test_eager_task_factory.py, every test (3.12+)

Tests are read with `ast` from each installed CPython's own test suite: pyenv's 3.7-3.13 and
the chroots of scripts/pythons.sh (3.14/3.15; Debian ships test_asyncio in a separate package,
so a chroot without it is listed as not enumerated). A test is ported for a version when a
program under examples/ cites it (`# aiospec: cites = ...`) and targets that version
(`# aiospec: python = ...`). Tests not ported have a reason in oracle/ports_reasons.txt
(`test_file.py::Class::test_name: reason`), or are listed as "not yet ported". A test that
programs port on some of its versions only may have a reason for the others. The percentage
is ported/total: a reason does not count as a port.

Run: python3 oracle/gen_ports.py            (writes PORTS.md)
     python3 oracle/gen_ports.py --check    (exit 1 if PORTS.md is out of date, a cite names a
                                             test no enumerated version has, a reason names a
                                             test that no version has, or one that programs
                                             port on every version that has it)
"""
import ast
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "PORTS.md")
REASONS = os.path.join(ROOT, "oracle", "ports_reasons.txt")
FAMILIES = ["gather", "wait", "wait_for", "locks", "queues", "as_completed", "shield", "taskgroups",
            "timeouts", "eager"]
FILE_FAMILIES = {"test_waitfor.py": "wait_for", "test_locks.py": "locks", "test_queues.py": "queues",
                 "test_taskgroups.py": "taskgroups", "test_timeouts.py": "timeouts",
                 "test_eager_task_factory.py": "eager"}
GATHER_CLASSES = {"GatherTestsBase", "FutureGatherTests", "CoroutineGatherTests"}
FILE_ALIASES = {"test_asyncio_waitfor.py": "test_waitfor.py"}  # 3.8's name for it


def words(name):
    return name.split("_")


def has_word(name, w):
    return w in words(name)


def has_wait_for(name):
    ws = words(name)
    return any(ws[i] == "wait" and ws[i + 1] == "for" for i in range(len(ws) - 1))


def has_plain_wait(name):
    ws = words(name)
    return any(w == "wait" and (i + 1 == len(ws) or ws[i + 1] != "for") for i, w in enumerate(ws))


def family(fname, cls, test):
    """The family of a test, or None."""
    if fname in FILE_FAMILIES:
        return FILE_FAMILIES[fname]
    if fname != "test_tasks.py":
        return None
    if cls in GATHER_CLASSES or (cls == "BaseTaskTests" and has_word(test, "gather")):
        return "gather"
    if has_wait_for(test):
        return "wait_for"
    if has_plain_wait(test):
        return "wait"
    if "as_completed" in test:
        return "as_completed"
    if "shield" in test:
        return "shield"
    return None


def installations():
    """[(label, minor, test_asyncio dir or None, where)] for every installed CPython."""
    import subprocess
    out = []
    try:
        root = subprocess.run(["pyenv", "root"], capture_output=True, text=True).stdout.strip()
    except FileNotFoundError:
        root = ""
    vdir = os.path.join(root, "versions") if root else ""
    if vdir and os.path.isdir(vdir):
        for v in sorted(os.listdir(vdir), key=lambda v: [int(x) for x in v.split(".") if x.isdigit()]):
            parts = v.split(".")
            if len(parts) != 3 or parts[0] != "3" or not parts[1].isdigit() or not 7 <= int(parts[1]) <= 13:
                continue
            d = os.path.join(vdir, v, "lib", "python3.%s" % parts[1], "test", "test_asyncio")
            out.append((v, "3." + parts[1], d if os.path.isdir(d) else None, "pyenv"))
    base = os.environ.get("AIOSPEC_PYTHONS", os.path.expanduser("~/.cache/aiospec/pythons"))
    for suite in ("forky", "sid"):
        for minor in (14, 15):
            lib = os.path.join(base, "chroots", suite, "usr", "lib", "python3.%d" % minor)
            if not os.path.isdir(lib):
                continue
            d = os.path.join(lib, "test", "test_asyncio")
            out.append(("3.%d (%s)" % (minor, suite), "3.%d" % minor,
                        d if os.path.isdir(d) else None, "Debian %s chroot" % suite))
    return out


USES = {}  # test id -> {minor: [what its source uses there]}
MARKS = {}  # (file, class, test) -> {path: [what its source uses]}
PASSES_LOOP = set()  # example paths whose program passes loop= itself


def test_methods(path):
    """{(class, test)} defined in a test file (classes at module level, methods in their body
    or under an `if` in it)."""
    text = open(path, encoding="utf-8").read()
    tree = ast.parse(text, path)
    found = set()

    def scan(cls, body):
        for node in body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test"):
                found.add((cls, node.name))
                src = ast.get_source_segment(text, node) or ""
                marks = [m for m, pat in (("loop=", r"\bloop=(?!None)"),
                                          ("@asyncio.coroutine", r"@asyncio\.coroutine|@coroutine\b"))
                         if re.search(pat, src)]
                if marks:
                    MARKS.setdefault((os.path.basename(path), cls, node.name), {})[path] = marks
            elif isinstance(node, ast.If):
                scan(cls, node.body)
                scan(cls, node.orelse)

    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            scan(node.name, node.body)
    return found


def minor_of(label):
    return label


def parse_python(value):
    """The minor versions a `python =` header names ('all' when absent)."""
    minors = set()
    for part in re.split(r"[ ,]+", value.strip()):
        if not part:
            continue
        if part == "all":
            minors.update("3.%d" % m for m in range(7, 16))
        elif "-" in part:
            a, b = part.split("-")
            lo, hi = int(a.split(".")[1]), int(b.split(".")[1])
            minors.update("3.%d" % m for m in range(lo, hi + 1))
        else:
            minors.add("3.%s" % part.split(".")[1])
    return minors


def programs():
    """{example path: (cites, minors)} from the header comment block of each program."""
    out = {}
    ex = os.path.join(ROOT, "examples")
    for dirpath, _dirs, files in os.walk(ex):
        for f in files:
            if not f.endswith(".py"):
                continue
            path = os.path.join(dirpath, f)
            cites, minors = [], None
            for line in open(path, encoding="utf-8"):
                t = line.strip()
                if not t:
                    continue
                if not t.startswith("#"):
                    break
                rest = t[1:].strip()
                if not rest.startswith("aiospec:") or "=" not in rest:
                    continue
                key, value = rest[len("aiospec:"):].split("=", 1)
                key = key.strip()
                if key == "cites":
                    cites.extend(value.split())
                elif key == "python":
                    minors = parse_python(value)
            if minors is None:
                minors = parse_python("all")
            rel = os.path.relpath(path, ROOT)
            out[rel] = (cites, minors)
            # A port that itself passes loop= (SPEC L8) does not omit it.
            if re.search(r"\bloop=(?!None)", open(path, encoding="utf-8").read()):
                PASSES_LOOP.add(rel)
    return out


def read_reasons():
    reasons, errors = {}, []
    if not os.path.exists(REASONS):
        return reasons, errors
    for i, line in enumerate(open(REASONS, encoding="utf-8"), 1):
        t = line.strip()
        if not t or t.startswith("#"):
            continue
        m = re.match(r"^(\S+\.py::\w+::\w+):\s*(.+)$", t)
        if not m:
            errors.append("%s:%d: expected `test_file.py::Class::test_name: reason`" % (REASONS, i))
            continue
        if m.group(1) in reasons:
            errors.append("%s:%d: a second reason for %s" % (REASONS, i, m.group(1)))
        reasons[m.group(1)] = m.group(2)
    return reasons, errors


def span(minors, order):
    """'3.7-3.13', or '3.8, 3.10-3.11' for the versions present, in `order`."""
    idx = sorted(order.index(m) for m in set(minors))
    runs, start, prev = [], None, None
    for i in idx:
        if start is None:
            start = prev = i
        elif i == prev + 1:
            prev = i
        else:
            runs.append((start, prev))
            start = prev = i
    if start is not None:
        runs.append((start, prev))
    return ", ".join(order[a] if a == b else "%s-%s" % (order[a], order[b]) for a, b in runs)


def build():
    errors = []
    insts = installations()
    enumerated = [(label, minor, d) for label, minor, d, _w in insts if d]
    skipped = [(label, where) for label, _minor, d, where in insts if not d]
    if not enumerated:
        errors.append("no installed CPython has its test_asyncio package (pyenv 3.7-3.13 expected)")
    minors_order = []
    for _label, minor, _d in enumerated:
        if minor not in minors_order:
            minors_order.append(minor)
    # every test of every file a cite or a family names: {id: set(minors)}
    tests = {}
    all_ids = {}  # any file of test_asyncio, for cites outside the families
    files_seen = {}

    def ids_of(minor, d, fname):
        key = (minor, fname)
        if key not in files_seen:
            real = os.path.join(d, fname)
            alias_src = [k for k, v in FILE_ALIASES.items() if v == fname]
            got = set()
            for f in [fname] + alias_src:
                p = os.path.join(d, f)
                if os.path.exists(p):
                    got |= {"%s::%s::%s" % (fname, c, t) for c, t in test_methods(p)}
                    for (bf, c, t), paths in MARKS.items():
                        if p in paths:
                            USES.setdefault("%s::%s::%s" % (fname, c, t), {})[minor] = paths[p]
            files_seen[key] = got
            del real
        return files_seen[key]

    for _label, minor, d in enumerated:
        for fname in ("test_tasks.py",) + tuple(FILE_FAMILIES):
            for tid in ids_of(minor, d, fname):
                _f, cls, name = tid.split("::")
                fam = family(fname, cls, name)
                if fam:
                    tests.setdefault(tid, (fam, set()))[1].add(minor)

    progs = programs()
    reasons, rerrs = read_reasons()
    errors += rerrs
    cited = {}  # id -> [(example, minors)]
    for path, (cites, pminors) in sorted(progs.items()):
        for c in cites:
            cited.setdefault(c, []).append((path, pminors))
            parts = c.split("::")
            if len(parts) != 3 or not parts[0].endswith(".py"):
                errors.append("%s: cite %r is not `test_file.py::Class::test_name`" % (path, c))
                continue
            if c in tests:
                continue
            fname = FILE_ALIASES.get(parts[0], parts[0])
            if fname != parts[0]:
                errors.append("%s: cite %r: cite it as %s" % (path, c, fname))
                continue
            if not any(c in ids_of(minor, d, fname) for _l, minor, d in enumerated):
                errors.append("%s: cites %s, which no enumerated CPython (%s) has"
                              % (path, c, ", ".join(l for l, _m, _d in enumerated)))
    for tid in sorted(reasons):
        covered = tid in tests and all(any(m in pm for _p, pm in cited.get(tid, [])) for m in tests[tid][1])
        if tid in cited and (covered or tid not in tests):
            errors.append("%s: a reason is given for %s, which %s cites"
                          % (os.path.relpath(REASONS, ROOT), tid, ", ".join(p for p, _m in cited[tid])))
        if tid not in tests:
            errors.append("%s: a reason is given for %s, which is in no family of any enumerated CPython"
                          % (os.path.relpath(REASONS, ROOT), tid))

    # the document
    L = []
    L.append("# Ports of CPython's asyncio tests")
    L.append("")
    L.append("Generated by `oracle/gen_ports.py` (do not edit: change a program's `cites` header or")
    L.append("`oracle/ports_reasons.txt`, then run `python3 oracle/gen_ports.py`; `--check` fails when this")
    L.append("file is out of date). A test is *ported* on a version when a program under `examples/`")
    L.append("cites it and targets that version; `aiospec check` holds every such program to what CPython")
    L.append("prints. A test that is not ported gives its reason, or says \"not yet ported\". Percentages")
    L.append("are ported/total; a reason does not count as a port.")
    L.append("")
    L.append("Test suites enumerated: " + ", ".join("CPython %s" % l for l, _m, _d in enumerated) + ".")
    if skipped:
        L.append("Not enumerated (no `test/test_asyncio` package installed): "
                 + ", ".join("CPython %s (%s)" % (l, w) for l, w in skipped) + "; their tests are"
                 " not listed, and programs are still checked on them.")
    L.append("")
    L.append("Families: **gather** is test_tasks.py's GatherTestsBase, FutureGatherTests and")
    L.append("CoroutineGatherTests, and BaseTaskTests' tests named with the word `gather`; **wait** is")
    L.append("test_tasks.py's tests named with the word `wait` not followed by `for` (`await`, `waiter`")
    L.append("are other words); **wait_for** is test_waitfor.py (3.8's test_asyncio_waitfor.py, renamed in")
    L.append("3.9, is listed under that name) and test_tasks.py's tests named with `wait_for`; **locks**")
    L.append("and **queues** are every test of test_locks.py and test_queues.py. A test is named by the")
    L.append("class that defines it (a GatherTestsBase test runs in both of its subclasses).")
    L.append("**as_completed** and **shield** are test_tasks.py's tests whose name contains `as_completed`")
    L.append("or `shield` and that no family above has (test_as_completed_reverse_wait and")
    L.append("test_yield_wait_does_not_shield_cancel stay in wait, test_gather_shield and")
    L.append("test_shield_gather in gather; test_waitfor.py's WaitForShieldTests stay in wait_for, which is")
    L.append("that whole file). **taskgroups**, **timeouts** and **eager** are every test of")
    L.append("test_taskgroups.py (3.11+), test_timeouts.py (3.11+) and test_eager_task_factory.py (3.12+).")
    L.append("")
    L.append("Where a ported version of a test passes `loop=` (the loop it runs on, as 3.7's API asked) or")
    L.append("writes a coroutine with `@asyncio.coroutine`, its row says so: the port omits `loop=` and uses")
    L.append("`async def`, which those versions run the same way; a test that asserts the deprecation")
    L.append("warnings of these is not counted as ported on the versions that assert them.")
    L.append("")
    L.append("## Summary")
    L.append("")
    L.append("| family | " + " | ".join(minors_order) + " |")
    L.append("|---" * (len(minors_order) + 1) + "|")
    sums = {}
    for fam in FAMILIES[:5] + ["gather+wait+wait_for"] + FAMILIES[5:] + [
            "as_completed+shield+taskgroups+timeouts+eager"]:
        fams = fam.split("+")
        cells = []
        for m in minors_order:
            ids = [t for t, (f, ms) in tests.items() if f in fams and m in ms]
            ported = [t for t in ids if any(m in pm for _p, pm in cited.get(t, []))]
            pct = 100.0 * len(ported) / len(ids) if ids else 0.0
            sums[(fam, m)] = (len(ported), len(ids))
            cells.append("%d/%d (%d%%)" % (len(ported), len(ids), int(pct)) if ids else "-")
        L.append("| %s | %s |" % (fam, " | ".join(cells)))
    L.append("")
    L.append("Percentages are rounded down. Counts of tests with a reason and of tests not yet ported,")
    L.append("over all enumerated versions:")
    L.append("")
    L.append("| family | tests | ported (some version) | with a reason | not yet ported |")
    L.append("|---|---|---|---|---|")
    for fam in FAMILIES:
        ids = [t for t, (f, _ms) in tests.items() if f == fam]
        p = [t for t in ids if t in cited]
        r = [t for t in ids if t not in cited and t in reasons]
        n = [t for t in ids if t not in cited and t not in reasons]
        L.append("| %s | %d | %d | %d | %d |" % (fam, len(ids), len(p), len(r), len(n)))
    for fam in FAMILIES:
        L.append("")
        L.append("## %s" % fam)
        L.append("")
        L.append("| test | versions | ported by, or why not |")
        L.append("|---|---|---|")
        for tid in sorted(t for t, (f, _ms) in tests.items() if f == fam):
            ms = tests[tid][1]
            if tid in cited:
                cells = []
                for p, pm in cited[tid]:
                    cover = [m for m in minors_order if m in ms and m in pm]
                    note = "" if set(cover) == ms else " (%s)" % (span(cover, minors_order) if cover else "no enumerated version")
                    cells.append("`%s`%s" % (p, note))
                what = ", ".join(cells)
                used = {}
                for m, marks in USES.get(tid, {}).items():
                    for mk in marks:
                        omitted = [p for p, pm in cited[tid]
                                   if m in pm and not (mk == "loop=" and p in PASSES_LOOP)]
                        if omitted:
                            used.setdefault(mk, []).append(m)
                if used:
                    what += " (the test's source on %s; the port omits it)" % "; ".join(
                        "%s uses `%s`" % (span(ms_, minors_order), mk) for mk, ms_ in sorted(used.items()))
                missing = [m for m in minors_order if m in ms and not any(m in pm for _p, pm in cited[tid])]
                if missing:
                    what += "; not ported on %s: %s" % (span(missing, minors_order),
                                                         reasons.get(tid, "the programs do not target it"))
            elif tid in reasons:
                what = "not ported: " + reasons[tid].replace("|", "\\|")
            else:
                what = "**not yet ported**"
            L.append("| `%s` | %s | %s |" % (tid, span(ms, minors_order), what))
    L.append("")
    return "\n".join(L), errors


def main():
    check = "--check" in sys.argv[1:]
    text, errors = build()
    if check:
        try:
            old = open(OUT, encoding="utf-8").read()
        except FileNotFoundError:
            old = None
        if old != text:
            errors.append("PORTS.md is out of date: run python3 oracle/gen_ports.py")
    else:
        with open(OUT, "w", encoding="utf-8") as f:
            f.write(text)
    for e in errors:
        print("gen_ports: " + e, file=sys.stderr)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
