#!/usr/bin/env python3
"""S-live: what Scalene's snapshots (--profile-interval) cost a Filare build.

    bench_live.py FILARE_PERF RESULTS_JSON [--quick | --only=small-cpu,large-cpu,large-mem]

For the small and the large sample, memory off and on, times `filare-perf run` with no snapshot
interval and with each interval of the table, one after the other in the same invocation, and
prints wall time with the interval / wall time without it (medians over rounds; the small
sample's rounds give the noise). Wall time is the record's
`profiled_s` (the profile command from start to end), and the profile's own elapsed time is
shown beside it: Scalene stops its clock while it writes a snapshot, so the gap between the two
is what the writes cost. A run that takes longer than CAP seconds is stopped (--timeout) and
shown as "> CAP s": some intervals make Scalene write without pause.
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def sample(name):
    folder = os.path.join(ROOT, "resources", "samples", name)
    return sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".yml"))


def main():
    app, results = sys.argv[1], sys.argv[2]
    quick = "--quick" in sys.argv[3:]
    # (sample, memory, intervals in the order run, rounds): a round runs every interval once,
    # so that the baseline's spread over rounds shows the noise beside the ratios.
    if quick:  # only that it runs: the small sample, CPU only, one interval
        cases = [("small", False, [0, 2], 1)]
        cap = 120
    else:
        cases = [("small", False, [0, 2, 5], 3), ("large", False, [0, 10, 30, 60], 1),
                 ("large", True, [0, 30, 60], 1)]
        cap = 300
    only = next((a.split("=", 1)[1] for a in sys.argv[3:] if a.startswith("--only=")), None)
    if only:
        wanted = only.split(",")
        cases = [c for c in cases if f"{c[0]}-{'mem' if c[1] else 'cpu'}" in wanted]
    out = tempfile.mkdtemp(prefix="fperf-s-live-")
    table = []
    for name, memory, intervals, rounds in cases:
        walls = {i: [] for i in intervals}
        covered = {i: [] for i in intervals}
        stopped = set()
        for r in range(rounds):
            for interval in intervals:
                label = f"{name}-{'mem' if memory else 'cpu'}-{interval}-r{r + 1}"
                cmd = [app, "run", "--output-dir", out, "--run-label", label,
                       "--profile-interval", str(interval), "--timeout", str(cap),
                       "--memory" if memory else "--no-memory"] + sample(name)
                subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                with open(os.path.join(out, f"{label}-run.json")) as fh:
                    record = json.load(fh)
                if record.get("status") != "succeeded":
                    stopped.add(interval)
                    continue
                walls[interval].append(record["profiled_s"])
                covered[interval].append(record.get("profiled_elapsed_s") or 0)
        base = statistics.median(walls[0]) if walls[0] else None
        noise = (max(walls[0]) - min(walls[0])) / 2 / base if base and len(walls[0]) > 1 else None
        for interval in intervals:
            w = walls[interval]
            ratio = statistics.median(w) / base if w and base else None
            table.append({"sample": name, "memory": memory, "interval_s": interval,
                          "wall_s": w, "profiled_s": covered[interval], "ratio": ratio,
                          "baseline_spread": noise, "stopped": interval in stopped})
            if interval in stopped:
                shown = f"> {cap} s (stopped by the timeout)"
            else:
                shown = (f"wall {statistics.median(w):.1f} s, the profile covers "
                         f"{statistics.median(covered[interval]):.1f} s")
            runs = f"{len(w)} run{'s' if len(w) != 1 else ''}"
            spread = f", baseline ±{noise * 100:.0f} %" if noise is not None and not interval else ""
            ratio_text = f"{ratio:.2f}x" if ratio else "-"
            target = "<= 1.05 at the default" if interval else "without snapshots"
            print(f"S-live {name:5} memory {'on ' if memory else 'off'} interval {interval:3} s   "
                  f"{ratio_text:>7}   ({shown}; {runs}{spread})   {target}", flush=True)
    data = {}
    if os.path.exists(results):
        with open(results) as fh:
            data = json.load(fh)
    data["live"] = table
    with open(results, "w") as fh:
        json.dump(data, fh, indent=2)


if __name__ == "__main__":
    main()
