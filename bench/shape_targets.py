#!/usr/bin/python3
"""Issue 13's shape targets in one table: the demo at a 150,000 floor (seeds 1-3 by default) and the
regionalization benchmark sets, with propose's default shape weight (or --shape-weight W).

For each run: localities, mean and worst Polsby-Popper (localities.geojson's `polsby_popper`), share of
variation explained (summary.json's `localities.share_explained`) and the run's user CPU. With --blind the
same runs with --shape-weight 0 follow, and the table gives each run's share against its shape-blind one.

  bench/shape_targets.py --benchmarks DIR [--build build] [--seeds 1,2,3] [--sets nc,guerry,uscounty,grid50]
                         [--skip demo|bench] [--shape-weight W] [--blind]

DIR holds the benchmark's GeoPackages and spec JSONs (the shared benchmark's make_datasets.py OUTDIR).
Run from the project root. Prints a Markdown table on stdout; needs nothing beyond the standard library.
"""
import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile


def run(cmd, outdir):
    """Runs `cmd` writing into `outdir`; returns (localities, mean PP, worst PP, share, user CPU)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    done = subprocess.run(cmd + ["--output", outdir, "--overwrite", "--quiet"], capture_output=True, text=True)
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - before
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr}")
    with open(os.path.join(outdir, "localities.geojson")) as f:
        pp = [feature["properties"]["polsby_popper"] for feature in json.load(f)["features"]]
    with open(os.path.join(outdir, "summary.json")) as f:
        share = json.load(f)["localities"]["share_explained"]
    return len(pp), statistics.mean(pp), min(pp), share, cpu


def demo_args(seed):
    with open("data/demo/propose.args") as f:
        args = f.read().split("\n")
    args = [a for a in args if a][1:]  # after the verb
    for flag, value in (("--min-population", "150000"), ("--seed", str(seed))):
        args[args.index(flag) + 1] = value
    return args


def bench_args(spec_path, seed):
    with open(spec_path) as f:
        spec = json.load(f)
    return ["--areas", f"{spec['gpkg']}|layername={spec['layer']}", "--area-id", spec["id"], "--population",
            spec["pop"], "--attributes", ",".join(spec["attrs"]), "--min-population", repr(spec["floor"]),
            "--seed", str(seed)]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default="build")
    parser.add_argument("--benchmarks", help="folder of the benchmark's GeoPackages and spec JSONs")
    parser.add_argument("--seeds", default="1,2,3", help="demo seeds")
    parser.add_argument("--bench-seeds", default="1", help="benchmark seeds")
    parser.add_argument("--sets", default="nc,guerry,uscounty,grid50")
    parser.add_argument("--skip", default="", help="demo or bench")
    parser.add_argument("--shape-weight", default="5")
    parser.add_argument("--blind", action="store_true", help="also the shape-blind runs (share explained vs W = 0)")
    options = parser.parse_args()
    binary = os.path.join(options.build, "locality")
    runs = []  # (label, seed, command)
    if "demo" not in options.skip:
        for seed in options.seeds.split(","):
            runs.append(("demo 150,000", seed, [binary, "propose"] + demo_args(seed)))
    if "bench" not in options.skip:
        if not options.benchmarks:
            sys.exit("--benchmarks DIR is needed for the benchmark sets (or --skip bench)")
        for name in options.sets.split(","):
            for seed in options.bench_seeds.split(","):
                spec = os.path.join(options.benchmarks, name + ".json")
                runs.append((name, seed, [binary, "regionalize"] + bench_args(spec, seed)))
    print("| set | seed | W | localities | mean PP | worst PP | share explained | vs W = 0 | user CPU |")
    print("|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as work:
        for label, seed, cmd in runs:
            out = os.path.join(work, "out")
            n, mean, worst, share, cpu = run(cmd + ["--shape-weight", options.shape_weight], out)
            versus = ""
            if options.blind:
                n0, _, _, share0, _ = run(cmd + ["--shape-weight", "0"], out)
                versus = f"{100 * share / share0:.0f} % ({n0} localities)" if share0 > 0 else "-"
            print(f"| {label} | {seed} | {options.shape_weight} | {n} | {mean:.3f} | {worst:.3f} | {share:.4f} | "
                  f"{versus} | {cpu:.1f} s |", flush=True)


if __name__ == "__main__":
    main()
