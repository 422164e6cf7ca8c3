#!/usr/bin/env python3
"""P1: what filare-perf adds around a run.

    bench_launcher.py FILARE_PERF PROJECT RESULTS_JSON [PAIRS]

Times `filare-perf run PROJECT` and, interleaved with it (alternating which goes first, after
a warm-up pair), a shell replay of exactly the commands a run record lists (`commands`: argv, cwd, env_changes, env_removed, stdout_file,
moves). The ratio of the medians is the launcher's cost.
"""
import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time


def replay_script(record):
    lines = ["set -e"]
    for c in record["commands"]:
        argv = c["argv"]
        if "-o" in argv:  # Filare's output folder must exist, as filare-perf makes it
            out = argv[len(argv) - 1 - argv[::-1].index("-o") + 1]
            lines.append(f"mkdir -p {shlex.quote(out)}")
        lines.append(f"mkdir -p {shlex.quote(c['cwd'])}")
        env = ["env"] + [f"-u {shlex.quote(n)}" for n in c.get("env_removed", [])]
        env += [shlex.quote(f"{k}={v}") for k, v in c.get("env_changes", {}).items()]
        cmd = f"(cd {shlex.quote(c['cwd'])} && {' '.join(env)} {shlex.join(argv)} < /dev/null"
        if c.get("stdout_file"):
            cmd += f" > {shlex.quote(c['stdout_file'])})"
        else:
            cmd += " > /dev/null 2>&1)"
        lines.append(cmd)
        if c.get("moves"):
            lines.append(f"mv {shlex.quote(c['moves']['from'])} {shlex.quote(c['moves']['to'])}")
    return "\n".join(lines) + "\n"


retries = []


def timed(cmd):
    # Scalene now and then dies of SIGSEGV (exit 245) on a loaded machine; such a sample is not a
    # measurement of the launcher, so it is taken again once and the retry is reported.
    for attempt in range(2):
        t = time.perf_counter()
        done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        elapsed = time.perf_counter() - t
        if done.returncode == 0:
            return elapsed
        if attempt == 0 and done.returncode == 245:
            retries.append(" ".join(cmd[:2]))
            continue
        raise subprocess.CalledProcessError(done.returncode, cmd)


def main():
    app, project, results = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
    pairs = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    out = tempfile.mkdtemp(prefix="fperf-p1-")
    runs, replays = [], []

    def run(label):
        t = timed([app, "run", "--output-dir", out, "--run-label", label, project])
        with open(os.path.join(out, f"{label}-run.json")) as fh:
            record = json.load(fh)
        script = os.path.join(out, f"{label}-replay.sh")
        with open(script, "w") as fh:
            fh.write(replay_script(record))
        return t, script

    _, script = run("p1-warm")  # caches warm for both sides
    timed(["bash", script])
    for i in range(pairs):
        # The order alternates, so that neither side always runs second (warmer caches).
        if i % 2:
            replays.append(timed(["bash", script]))  # the previous run's commands
            t, script = run(f"p1-{i}")
            runs.append(t)
        else:
            t, script = run(f"p1-{i}")
            runs.append(t)
            replays.append(timed(["bash", script]))
    ratio = statistics.median(runs) / statistics.median(replays)
    print(f"P1    filare-perf run / replay of its recorded commands      {ratio:.3f}x   "
          f"({statistics.median(runs):.2f} s vs {statistics.median(replays):.2f} s, {pairs} pairs)   <= 1.02")
    if retries:
        print(f"      retried after a Scalene crash (exit 245): {len(retries)} sample(s)")
    data = {}
    if os.path.exists(results):
        with open(results) as fh:
            data = json.load(fh)
    data["launcher"] = {"run_s": runs, "replay_s": replays, "ratio": ratio}
    with open(results, "w") as fh:
        json.dump(data, fh, indent=2)


if __name__ == "__main__":
    main()
