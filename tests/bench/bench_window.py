#!/usr/bin/env python3
"""Start-up time (P3) and idle memory (P5) of the window, against a minimal Qt window.

    bench_window.py BIN_DIR RESULTS_JSON [REPEATS]

P3: wall time from exec to the window shown (the "shown" line under FPERF_QUIT_WHEN_SHOWN),
interleaved with the same for a minimal Qt window built in the same tree; the ratio of medians.
P5: PSS of the whole process tree of an idle window (no report opened), after it settled.
Runs on the offscreen platform so it needs no display.
"""
import json
import os
import statistics
import subprocess
import sys
import time


def env():
    e = dict(os.environ)
    e.update({"QT_QPA_PLATFORM": "offscreen", "QTWEBENGINE_DISABLE_SANDBOX": "1",
              "FPERF_QUIT_WHEN_SHOWN": "1", "XDG_CONFIG_HOME": "/tmp/fperf-bench-config"})
    return e


def time_start(cmd):
    """Milliseconds from exec to the program's "shown" line (its window on screen)."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env(), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    line = proc.stdout.readline()
    shown = (time.perf_counter() - t) * 1000
    proc.stdout.read()
    if proc.wait(30) != 0 or line.strip() != b"shown":
        raise SystemExit(f"{cmd[0]} did not report its window shown (exit {proc.returncode})")
    return shown


def tree_pss_kib(pid):
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        try:
            with open(f"/proc/{p}/task/{p}/children") as fh:
                todo.extend(int(c) for c in fh.read().split())
        except OSError:
            pass
    total = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total, len(pids)


def main():
    bin_dir, results, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 7
    app = [os.path.join(bin_dir, "filare-perf")]
    floor = [os.path.join(bin_dir, "bench_minimal_window")]
    time_start(app), time_start(floor)  # warm the file cache
    a, f = [], []
    for _ in range(repeats):  # interleaved pairs
        a.append(time_start(app))
        f.append(time_start(floor))
    ratio = statistics.median(a) / statistics.median(f)

    e = env()
    del e["FPERF_QUIT_WHEN_SHOWN"]
    proc = subprocess.Popen(app, env=e, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(4)
    pss, count = tree_pss_kib(proc.pid)
    proc.terminate()
    proc.wait(10)

    rows = [
        ("P3", "start to shown window, ratio to a minimal Qt window", f"{ratio:.2f}x",
         f"{statistics.median(a):.0f} ms vs {statistics.median(f):.0f} ms", "<= 2.0"),
        ("P5", "idle window memory, PSS of the process tree", f"{pss / 1024:.1f} MiB",
         f"{count} process(es)", "<= 50 MiB"),
    ]
    for r in rows:
        print(f"{r[0]:<4}  {r[1]:<52}  {r[2]:>10}  {r[3]:>22}  {r[4]}")
    data = {}
    if os.path.exists(results):
        with open(results) as fh:
            data = json.load(fh)
    data["window"] = {"startup_ms": a, "floor_ms": f, "startup_ratio": ratio,
                      "idle_pss_mib": pss / 1024, "idle_processes": count}
    with open(results, "w") as fh:
        json.dump(data, fh, indent=2)


if __name__ == "__main__":
    main()
