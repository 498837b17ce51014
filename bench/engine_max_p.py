#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Max-p quality and speed of the regionalization engine over several seeds.

For every dataset spec (the benchmark's JSON: gpkg, layer, id, attrs, pop, floor) and seed, runs
build/locality_bench_engine with k = 0 (as many localities as the population floor allows) under
/usr/bin/time and prints a Markdown table: localities and WSS, median (min-max) over the seeds,
solve time median and peak RSS. The first seed's labels are scored by the benchmark's evaluate.py
(contiguity in its own queen graph, region count, floor, WSS) and must agree with the engine.

  bench/engine_max_p.py --evaluate PATH/evaluate.py --specs DIR/nc.json DIR/grid100.json \\
      [--seeds 10] [--engine build/locality_bench_engine] [--workdir DIR]
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from engine_fixed_k import score  # noqa: E402  (same scorer call as the fixed-k table)


def run(engine, spec, seed, workdir):
    out = os.path.join(workdir, f"{spec['name']}_maxp_s{seed}.csv")
    timing = os.path.join(workdir, "time.txt")
    cmd = ["/usr/bin/time", "-f", "%e %M", "-o", timing, engine, "--gpkg", spec["gpkg"], "--layer", spec["layer"],
           "--id", spec["id"], "--attrs", ",".join(spec["attrs"]), "--k", "0", "--pop", spec["pop"],
           "--floor", str(spec["floor"]), "--seed", str(seed), "--out", out]
    lines = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()
    found = re.search(r"(\d+) regions, WSS ([0-9.eE+-]+)", lines[-2])
    solve = json.loads(lines[-1])["t_solve"]
    rss_kb = int(open(timing).read().split()[1])
    return out, int(found.group(1)), float(found.group(2)), solve, rss_kb


def spread(values, fmt):
    return f"{fmt.format(statistics.median(values))} ({fmt.format(min(values))}-{fmt.format(max(values))})"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--evaluate", required=True)
    ap.add_argument("--specs", nargs="+", required=True)
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--engine", default="build/locality_bench_engine")
    ap.add_argument("--workdir", default=None)
    a = ap.parse_args()
    workdir = a.workdir or tempfile.mkdtemp(prefix="engine_maxp_")
    print("| dataset | N | localities median (min-max) | WSS median (min-max) | evaluate.py agrees "
          "| solve s median | peak RSS MB |")
    print("|---|---|---|---|---|---|---|")
    for spec_path in a.specs:
        spec = json.load(open(spec_path))
        counts, wss, solves, rss, valid = [], [], [], [], True
        for seed in range(1, a.seeds + 1):
            labels, count, engine_wss, solve, rss_kb = run(a.engine, spec, seed, workdir)
            if seed == 1:
                q = score(a.evaluate, spec_path, labels)
                valid = (q["contiguous"] and q["n_regions"] == count and q["n_unassigned"] == 0
                         and q.get("floor_ok", True) and abs(q["wss"] - engine_wss) <= 1e-3 * max(1.0, engine_wss))
            counts.append(count)
            wss.append(engine_wss)
            solves.append(solve)
            rss.append(rss_kb / 1024)
        print(f"| {spec['name']} | {spec['n']} | {spread(counts, '{:.0f}')} | {spread(wss, '{:.1f}')} "
              f"| {'yes' if valid else 'NO'} | {statistics.median(solves):.2f} | {max(rss):.0f} |", flush=True)


if __name__ == "__main__":
    main()
