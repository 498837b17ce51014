#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Fixed-k quality and speed of the regionalization engine over several seeds.

For every dataset spec (the benchmark's JSON: gpkg, layer, id, attrs, pop, k, floor) and seed,
runs build/locality_bench_engine under /usr/bin/time and prints a Markdown table: WSS median
(min-max), solve time median, peak RSS. The first seed's labels are scored by the benchmark's
evaluate.py (contiguity in its own queen graph, region count, floor) and its WSS must equal the
engine's; the other seeds use the WSS the engine reports (validated by the engine itself), as
evaluate.py takes longer than a solve. --score-all scores every seed.

  bench/engine_fixed_k.py --evaluate PATH/evaluate.py --specs DIR/nc.json DIR/grid200.json \\
      [--seeds 10] [--k 50] [--floor] [--engine build/locality_bench_engine] [--workdir DIR]
"""
import argparse
import json
import os
import statistics
import subprocess
import tempfile


def run(engine, spec, k, seed, floor, workdir):
    out = os.path.join(workdir, f"{spec['name']}_k{k}_s{seed}.csv")
    timing = os.path.join(workdir, "time.txt")
    cmd = ["/usr/bin/time", "-f", "%e %M", "-o", timing, engine, "--gpkg", spec["gpkg"], "--layer", spec["layer"],
           "--id", spec["id"], "--attrs", ",".join(spec["attrs"]), "--k", str(k), "--seed", str(seed), "--out", out]
    if floor:
        cmd += ["--pop", spec["pop"], "--floor", str(spec["floor"])]
    lines = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()
    solve = json.loads(lines[-1])["t_solve"]
    wss = float(lines[-2].split("WSS ")[1].split(",")[0])
    wall, rss_kb = open(timing).read().split()
    return out, wss, solve, float(wall), int(rss_kb)


def score(evaluate, spec_path, labels):
    text = subprocess.run(["/usr/bin/python3", evaluate, "--spec", spec_path, "--labels", labels, "--json"],
                          check=True, capture_output=True, text=True).stdout
    return json.loads(text.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--evaluate", required=True)
    ap.add_argument("--specs", nargs="+", required=True)
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--k", type=int, default=0, help="override the spec's k")
    ap.add_argument("--floor", action="store_true", help="add the spec's population floor")
    ap.add_argument("--engine", default="build/locality_bench_engine")
    ap.add_argument("--workdir", default=None)
    ap.add_argument("--score-all", action="store_true", help="score every seed with evaluate.py")
    a = ap.parse_args()
    workdir = a.workdir or tempfile.mkdtemp(prefix="engine_bench_")
    print("| dataset | N | k | floor | WSS median (min-max) | evaluate.py agrees | solve s median | wall s max | peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|---|")
    for spec_path in a.specs:
        spec = json.load(open(spec_path))
        k = a.k or spec["k"]
        wss, solves, walls, rss, valid = [], [], [], [], True
        for seed in range(a.seeds):
            labels, engine_wss, solve, wall, rss_kb = run(a.engine, spec, k, seed, a.floor, workdir)
            if seed == 0 or a.score_all:
                q = score(a.evaluate, spec_path, labels)
                ok = q["contiguous"] and q["n_regions"] == k and q["n_unassigned"] == 0
                ok = ok and abs(q["wss"] - engine_wss) <= 1e-3 * max(1.0, abs(engine_wss))
                if a.floor:
                    ok = ok and q.get("floor_ok", True)
                valid = valid and ok
            wss.append(engine_wss)
            solves.append(solve)
            walls.append(wall)
            rss.append(rss_kb / 1024)
        print(f"| {spec['name']} | {spec['n']} | {k} | {'yes' if a.floor else 'no'} "
              f"| {statistics.median(wss):.1f} ({min(wss):.1f}-{max(wss):.1f}) | {'yes' if valid else 'NO'} "
              f"| {statistics.median(solves):.2f} | {max(walls):.1f} | {max(rss):.0f} |", flush=True)


if __name__ == "__main__":
    main()
