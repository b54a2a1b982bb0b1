#!/usr/bin/python3
"""Medians of key=value benchmark logs (lines 'tag=TAG load1=L key=value ...', as written by
bench/peers.sh, bench/scaling.sh and bench/load.sh): one markdown row per tag, in first-seen order.
usage: /usr/bin/python3 bench/summarize.py LOG [KEY ...]   (extra KEYs: further medians, e.g. s_per_sim_s peak_rss_mb)"""
import statistics, sys

def parse(line):
    return dict(kv.split("=", 1) for kv in line.split() if "=" in kv)

log = sys.argv[1]
rows = {}
for line in open(log):
    if not line.startswith("tag="):
        continue
    d = parse(line)
    rows.setdefault(d["tag"], []).append(d)

def num(d, *keys):
    for k in keys:
        if k in d:
            try:
                return float(d[k])
            except ValueError:
                pass
    return None

extra = sys.argv[2:]
print("| run | n | wall s (median) | min–max | CPU s (median) | rate Hz | load1 during |" + "".join(f" {k} |" for k in extra))
print("|---|---|---|---|---|---|---|" + "---|" * len(extra))
for tag, ds in rows.items():
    w = [x for x in (num(d, "median_run_s", "run_wall_s", "run_s") for d in ds) if x is not None]
    c = [x for x in (num(d, "median_cpu_s", "run_cpu_s", "cpu_s") for d in ds) if x is not None]
    r = [x for x in (num(d, "rate_hz", "rate_e_hz_last100ms") for d in ds) if x is not None]
    l = [x for x in (num(d, "load1") for d in ds) if x is not None]
    f = lambda v, p=3: f"{statistics.median(v):.{p}f}" if v else "—"
    print(f"| {tag} | {len(ds)} | {f(w)} | {min(w):.3f}–{max(w):.3f} | {f(c)} | {f(r, 2)} | "
          f"{min(l):.1f}–{max(l):.1f} |" + "".join(" " + (f"{statistics.median(v):.4g}" if (v := [x for x in (num(d, k) for d in ds) if x is not None]) else "—") + " |" for k in extra)
          if w else f"| {tag} | {len(ds)} | — | — | — | — | — |")
