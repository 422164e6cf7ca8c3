#!/usr/bin/env python3
"""Generates the benchmark data sets (never committed): run records and large profiles.

    make_bench_data.py OUT_DIR [--records N] [--profile-mb MB] [--profiles 1|2]

Records are shaped like filare-perf's LABEL-run.json (one real record, if given with
--template, is used as the model); the two profiles are Scalene-shaped JSON of about MB each,
with overlapping but different lines so a diff has work to do, and CPU and memory stacks
for the flame graphs.
"""
import argparse
import json
import os
import random


def default_template():
    """The shape and size (about 12 KB) of a real record of the small sample."""
    pkg = "/venv/lib/python3.11/site-packages/filare"
    parts = ",".join(f"{pkg}/{p}/" for p in ("cli", "flows", "models", "parser", "render"))
    line = {"file": f"{pkg}/render/pdf.py", "lineno": 6, "line": "from weasyprint import HTML",
            "cpu_percent": 45.0, "cpu_python_percent": 20.0, "cpu_native_percent": 10.0,
            "cpu_system_percent": 15.0, "peak_mb": 18.1, "malloc_mb": 18.1, "copy_mb_s": 0.0}
    settings = {k: {"env": "FIL_PERF_" + k.upper().replace(".", "_"), "value": v,
                    "source": "default", "location": ""}
                for k, v in (("scalene.enabled", "1"), ("scalene.cpu_rate", "0.01"),
                             ("scalene.memory", "1"), ("scalene.copy", "1"), ("scalene.html", "0"),
                             ("scalene.profile_only", ""), ("scalene.profile_exclude", ""),
                             ("output_dir", "outputs/perf"), ("run_label", ""), ("python", ""),
                             ("filare.formats", ""), ("baseline", "0"))}
    argv = ["/venv/bin/python", "-m", "scalene", "run", "-o", "/out/x-scalene.json",
            "--cpu-sampling-rate", "0.01", "--profile-all", "--profile-only", parts,
            "--profile-exclude", f"{pkg}/templates/", "/venv/bin/filare", "---", "run",
            "/p/harness.yml", "-o", "/out/x-filare"]
    return {"format": "filare-perf-run", "format_version": 1, "project_files": ["/p/harness.yml"],
            "settings": settings, "app_pid": 0, "exit_code": 0, "interpreter": "/venv/bin/python",
            "tools": {"python": "3.11.7", "scalene": "2.4.0", "filare": "1.6.0", "graphviz": "2.43.0"},
            "commands": [{"role": "profile", "argv": argv, "cwd": "/p", "env_changes": {"PYTHONUNBUFFERED": "1"},
                          "env_removed": [], "exit_code": 0, "duration_s": 3.0}] * 2,
            "top_cpu": [line] * 5, "top_memory": [line] * 5, "cpu_samples": 150,
            "profile_state": "valid", "warnings": ["Memory profiling is on: it slows Filare down"]}


def record(i, out_dir, template):
    r = dict(template)
    label = f"bench-{i:05d}"
    r.update({
        "label": label,
        "status": "succeeded" if i % 17 else "failed",
        "started": f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:{(i * 7) % 60:02d}.000",
        "duration_s": 3.0 + (i % 50) / 10.0,
        "peak_mb": 30.0 + (i % 40),
        "output_dir": out_dir,
        "reports": {"json": os.path.join(out_dir, label + "-scalene.json")},
    })
    return label, r


def profile(seed, target_mb, files=200):
    rnd = random.Random(seed)
    out = {"elapsed_time_sec": 10.0 + seed, "max_footprint_mb": 50.0 + seed, "memory": True,
           "files": {}}
    # Stacks take about a quarter of the size; the files fill the rest.
    out["combined_stacks"] = stacks(rnd, max(100, int(target_mb * 80)))
    out["memory_stacks"] = stacks(rnd, max(25, int(target_mb * 20)))
    size = len(json.dumps(out["combined_stacks"])) + len(json.dumps(out["memory_stacks"]))
    f = 0
    while size < target_mb * 1024 * 1024:
        name = f"/venv/lib/python3.11/site-packages/filare/module_{f % files}_{f // files}.py"
        lines = []
        for n in range(1, 400):
            active = rnd.random() < 0.5
            lines.append({
                "lineno": n,
                "line": f"    value_{n} = compute_{n % 13}(items, index={n})",
                "n_cpu_percent_python": rnd.random() if active else 0.0,
                "n_cpu_percent_c": rnd.random() / 4 if active else 0.0,
                "n_sys_percent": rnd.random() / 10 if active else 0.0,
                "n_peak_mb": rnd.random() * 5 if active and rnd.random() < 0.3 else 0.0,
                "n_copy_mb_s": 0.0,
                "cpu_samples_list": [],
            })
        chunk = {"percent_cpu_time": rnd.random(), "lines": lines, "functions": []}
        out["files"][name] = chunk
        size += len(json.dumps(chunk))
        f += 1
    return out


def stacks(rnd, count):
    """[[frames, weight], ...] as Scalene writes combined_stacks: paths down a call tree
    (branching 4, 8 to 40 deep), Python frames above native ones, so frames merge."""
    pkg = "/venv/lib/python3.11/site-packages/filare"
    out = []
    for _ in range(count):
        depth = rnd.randint(8, 40)
        frames, node = [], 0
        for d in range(depth):
            node = (node * 4 + rnd.randint(1, 4)) % 1_000_003
            native = d >= depth - 6
            frames.append({
                "kind": "native" if native else "python",
                "display_name": f"{'_Py' if native else 'render_'}{node % 5000}",
                "filename_or_module": "libpython3.11.so" if native else f"{pkg}/mod_{node % 300}.py",
                "line": None if native else 1 + node % 400,
                "ip": 4096 + node if native else None, "offset": None})
        out.append([frames, rnd.randint(1, 50)])
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out_dir")
    p.add_argument("--records", type=int, default=10000)
    p.add_argument("--profile-mb", type=float, default=5.0)
    p.add_argument("--template", help="a real LABEL-run.json to copy the shape from")
    p.add_argument("--profiles", type=int, default=2, choices=(1, 2),
                   help="2: profile-a and profile-b (for diffs); 1: profile-a only")
    a = p.parse_args()
    os.makedirs(a.out_dir, exist_ok=True)
    template = default_template()
    if a.template:
        with open(a.template) as fh:
            template = json.load(fh)
    for i in range(a.records):
        label, r = record(i, a.out_dir, template)
        with open(os.path.join(a.out_dir, label + "-run.json"), "w") as fh:
            json.dump(r, fh, indent=2)
    for name, seed in (("profile-a", 1), ("profile-b", 2))[: a.profiles]:
        with open(os.path.join(a.out_dir, name + ".json"), "w") as fh:
            json.dump(profile(seed, a.profile_mb), fh)
    print(f"wrote {a.records} records and {a.profiles} profile(s) of ~{a.profile_mb} MB "
          f"to {a.out_dir}")


if __name__ == "__main__":
    main()
