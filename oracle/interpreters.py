"""The interpreters the data generators read: pyenv's CPython 3.7-3.13, and the chroots of
scripts/pythons.sh for 3.14.8, 3.14.10, 3.15.0 and 3.15.2. Each is (label, argv prefix,
stdlib directory): the label is the minor number for 3.7-3.13 ("12") and minor.patch for the
versions the model follows at two patch releases ("14.8")."""
import os
import subprocess

PATCH_TARGETS = {(14, 8), (14, 10), (15, 0), (15, 2)}


def interpreters():
    out = []
    root = subprocess.run(["pyenv", "root"], capture_output=True, text=True).stdout.strip()
    for v in sorted(os.listdir(os.path.join(root, "versions")),
                    key=lambda v: [int(x) for x in v.split(".") if x.isdigit()]):
        parts = v.split(".")
        if len(parts) != 3 or parts[0] != "3" or not (7 <= int(parts[1]) <= 13):
            continue
        minor = int(parts[1])
        out.append((str(minor), [os.path.join(root, "versions", v, "bin", "python")],
                    os.path.join(root, "versions", v, "lib", "python3.%d" % minor)))
    base = os.environ.get("AIOSPEC_PYTHONS", os.path.expanduser("~/.cache/aiospec/pythons"))
    for suite in ("forky", "sid"):
        d = os.path.join(base, "chroots", suite)
        for minor in (14, 15):
            if not os.path.exists(os.path.join(d, "usr/bin/python3.%d" % minor)):
                continue
            argv = ["chroot", d, "/usr/bin/python3.%d" % minor]
            r = subprocess.run(argv + ["-c", "import sys; print(*sys.version_info[:3])"],
                               capture_output=True, text=True)
            _, m, p = map(int, r.stdout.split())
            if (m, p) in PATCH_TARGETS:
                out.append(("%d.%d" % (m, p), argv, os.path.join(d, "usr/lib/python3.%d" % m)))
    return out
