#!/usr/bin/env python3
"""P0: a fresh clone to its first report, with the packages already installed.

    bench_first_report.py REPO RESULTS_JSON

Clones REPO's HEAD into a temporary folder and times its ./scripts/demo without a display
(headless): setup of .venv from the pinned requirements, configure and build of the app, then
the profiled run of the multi-sheet sample, until the demo names its report. Debian packages and
pip's wheels are already on the machine, so this is the time a new user waits, less downloads.
Also checks that the demo built no test or benchmark (build/bin/tst_*, bench_*).
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time


def main():
    repo, results = os.path.abspath(sys.argv[1]), sys.argv[2]
    work = tempfile.mkdtemp(prefix="fperf-p0-")
    try:
        clone = os.path.join(work, "filare-perf")
        subprocess.run(["git", "clone", "--quiet", repo, clone], check=True)
        env = {k: v for k, v in os.environ.items()
               if k not in ("DISPLAY", "WAYLAND_DISPLAY", "FIL_PERF_OUTPUT_DIR")}
        t = time.perf_counter()
        demo = subprocess.run(["./scripts/demo"], cwd=clone, env=env, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        seconds = time.perf_counter() - t
        report = [l for l in demo.stdout.splitlines() if l.startswith("demo: the report is ")]
        if demo.returncode != 0 or not report or not os.path.isfile(report[-1].split(" is ", 1)[1]):
            sys.stderr.write(demo.stdout[-4000:])
            sys.exit(f"P0: the demo ended with exit code {demo.returncode} and no report")
        bin_dir = os.path.join(clone, "build", "bin")
        extra = sorted(os.path.basename(p) for p in glob.glob(os.path.join(bin_dir, "tst_*")) +
                       glob.glob(os.path.join(bin_dir, "bench_*")))
        if extra:
            sys.exit(f"P0: the demo built tests or benchmarks: {' '.join(extra)}")
        ninja_log = os.path.join(clone, "build", ".ninja_log")
        with open(ninja_log) as fh:  # one line per output; a step's lines share its hash
            steps = len({l.split("\t")[-1] for l in fh if l.strip() and not l.startswith("#")})
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"P0    fresh clone to first report (./scripts/demo, headless)  {seconds:.0f} s   "
          f"({steps} build steps, no test or benchmark)   report")
    data = {}
    if os.path.exists(results):
        with open(results) as fh:
            data = json.load(fh)
    data["first_report"] = {"seconds": seconds, "build_steps": steps}
    with open(results, "w") as fh:
        json.dump(data, fh, indent=2)


if __name__ == "__main__":
    main()
