"""Turn criterion's results (target/criterion) into BENCHMARKS.md's tables: ns per child
(median) for each implementation, and the ratio of aiospec's to each peer's, from one run."""

import json
import os
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else "target/criterion"
GROUPS = [
    ("gather_ready", "aiospec_gather", ["join_all", "try_join_all", "futures_unordered"]),
    ("gather_spawned_current_thread", "aiospec_gather", ["joinset", "spawn_and_await_handles"]),
    ("gather_spawned_multi_thread", "aiospec_gather", ["joinset", "spawn_and_await_handles"]),
    ("wait_first_completed", "aiospec_wait", ["select_all", "select_all_oneshot"]),
    ("wait_all_completed", "aiospec_wait", ["joinset"]),
    ("as_completed", "aiospec_as_completed", ["futures_unordered"]),
    ("gather_spawned_executor", "aiospec_gather", []),
]


def median_ns(group, fn, n):
    p = os.path.join(ROOT, group, fn, str(n), "new", "estimates.json")
    try:
        with open(p) as f:
            return json.load(f)["median"]["point_estimate"] / n
    except OSError:
        return None


def main():
    out = []
    for group, ours, peers in GROUPS:
        out.append("### %s\n" % group)
        head = "| N | %s ns/child |" % ours + "".join(" %s ns/child | ratio |" % p for p in peers)
        out.append(head)
        out.append("|" + "---|" * (2 + 2 * len(peers)))
        for n in (1, 16, 256, 4096, 65536):
            a = median_ns(group, ours, n)
            if a is None:
                continue
            cells = ["%d" % n, "%.1f" % a]
            for p in peers:
                b = median_ns(group, p, n)
                cells += ["%.1f" % b if b else "-", "%.2fx" % (a / b) if b else "-"]
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    a = os.path.join(ROOT, "future_cost", "aiospec_future", "new", "estimates.json")
    b = os.path.join(ROOT, "future_cost", "tokio_oneshot", "new", "estimates.json")
    if os.path.exists(a) and os.path.exists(b):
        fa = json.load(open(a))["median"]["point_estimate"] / 4096
        fb = json.load(open(b))["median"]["point_estimate"] / 4096
        out.append("### future_cost\n")
        out.append("| AioFuture complete + await ns | tokio oneshot send + recv ns | ratio |")
        out.append("|---|---|---|")
        out.append("| %.1f | %.1f | %.2fx |" % (fa, fb, fa / fb))
    print("\n".join(out))


if __name__ == "__main__":
    main()
