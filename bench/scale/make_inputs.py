#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Synthetic national inputs for the scale benchmark.

areas:  Voronoi cells of clustered seeds (towns of power-law sizes over a rural background), clipped to
        a coastline-like outline, in EPSG:3035 (metres); fields area_id, population, region (one of
        about 300 container regions: nearest of 300 seeds drawn from the areas).
cases:  points over 6 agencies, x,y (EPSG:3035) and agency, written as CSV in chunks (streaming, so
        10 million points need no more memory than one chunk). Points scatter around each area's
        centre in proportion to its population, so some fall in the sea: they count as "outside".

Same --seed, same files. Needs Debian's python3-shapely and python3-numpy.
"""
import argparse
import math
import os
import sys

import numpy as np
from shapely import vectorized
from shapely.geometry import MultiPoint, Polygon
from shapely.ops import voronoi_diagram
from shapely.prepared import prep

AGENCIES = ["police", "social_care", "health", "housing", "schools", "probation"]
CENTRE = (4_300_000.0, 3_200_000.0)  # metres in EPSG:3035, away from its false origin
RADIUS = 450_000.0


def outline(rng):
    """A star-shaped, many-harmonic outline: bays, peninsulas and a rough coast, about 900 km across."""
    angles = np.linspace(0.0, 2.0 * math.pi, 4000, endpoint=False)
    radius = np.ones_like(angles)
    for harmonic in range(2, 120):
        amplitude = 0.35 / harmonic ** 1.2
        radius += amplitude * np.sin(harmonic * angles + rng.uniform(0.0, 2.0 * math.pi))
    radius *= RADIUS / radius.mean()
    ring = np.column_stack([CENTRE[0] + radius * np.cos(angles), CENTRE[1] + 1.3 * radius * np.sin(angles)])
    shape = Polygon(ring)
    return shape if shape.is_valid else shape.buffer(0)


def seeds(rng, shape, count):
    """`count` points inside `shape`: 70% in towns (Gaussian clusters of power-law sizes), 30% rural."""
    minx, miny, maxx, maxy = shape.bounds
    towns = 400
    centres = []
    while len(centres) < towns:
        x, y = rng.uniform(minx, maxx, 2000), rng.uniform(miny, maxy, 2000)
        inside = vectorized.contains(shape, x, y)
        centres.extend(zip(x[inside], y[inside]))
    centres = np.array(centres[:towns])
    weights = 1.0 / np.arange(1, towns + 1) ** 1.1
    weights /= weights.sum()
    sigma = 4000.0 + 30000.0 * np.sqrt(weights / weights.max())
    out_x, out_y = [], []
    have = 0
    while have < count:
        n = count
        town = rng.choice(towns, size=n, p=weights)
        urban = rng.random(n) < 0.7
        x = np.where(urban, centres[town, 0] + rng.normal(0, 1, n) * sigma[town], rng.uniform(minx, maxx, n))
        y = np.where(urban, centres[town, 1] + rng.normal(0, 1, n) * sigma[town], rng.uniform(miny, maxy, n))
        inside = vectorized.contains(shape, x, y)
        out_x.append(x[inside])
        out_y.append(y[inside])
        have += int(inside.sum())
    x = np.concatenate(out_x)[:count]
    y = np.concatenate(out_y)[:count]
    # Voronoi needs distinct seeds; rounding to the metre and dropping repeats keeps it robust.
    xy = np.unique(np.round(np.column_stack([x, y])), axis=0)
    rng.shuffle(xy)
    return xy


def write_areas(path, cells, population, region):
    with open(path, "w") as out:
        out.write("WKT,area_id,population,region\n")
        for i, cell in enumerate(cells):
            out.write('"%s",A%06d,%d,R%03d\n' % (cell.wkt, i + 1, population[i], region[i]))


def write_cases(path, rng, centres, sizes, population, region, points, regions):
    """Chunks of one million: area by population, a Gaussian offset of the area's size, an agency
    with probabilities that differ by region (so localities have different need profiles)."""
    weights = population / population.sum()
    mix = rng.dirichlet(np.ones(len(AGENCIES)) * 2.0, size=regions)
    cumulative = np.cumsum(mix, axis=1)
    names = np.array(AGENCIES)
    chunk = 1_000_000
    with open(path, "w") as out:
        out.write("x,y,agency\n")
        written = 0
        while written < points:
            n = min(chunk, points - written)
            area = rng.choice(len(weights), size=n, p=weights)
            x = centres[area, 0] + rng.normal(0, 1, n) * sizes[area]
            y = centres[area, 1] + rng.normal(0, 1, n) * sizes[area]
            u = rng.random(n)[:, None]
            agency = (u > cumulative[region[area]]).sum(axis=1)
            agency = np.minimum(agency, len(AGENCIES) - 1)
            lines = np.char.add(np.char.add(np.char.add(np.char.mod("%.1f", x), ","),
                                            np.char.add(np.char.mod("%.1f", y), ",")), names[agency])
            out.write("\n".join(lines.tolist()))
            out.write("\n")
            written += n
            print(f"cases: {written:,} of {points:,}", file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--areas", type=int, required=True, help="number of seeds (areas before clipping)")
    parser.add_argument("--points", type=int, default=0, help="case points to write (0: none)")
    parser.add_argument("--regions", type=int, default=300, help="container regions")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--areas-csv", required=True, help="areas as CSV with a WKT column (EPSG:3035)")
    parser.add_argument("--cases-csv", help="case points CSV (x,y,agency; EPSG:3035)")
    args = parser.parse_args()

    rng = np.random.default_rng(args.seed)
    shape = outline(rng)
    xy = seeds(rng, shape, args.areas)
    print(f"areas: Voronoi of {len(xy):,} seeds", file=sys.stderr)
    # (shapely 1.8 crashes when given an envelope; the default one covers the seeds, and cells are clipped.)
    diagram = voronoi_diagram(MultiPoint([tuple(p) for p in xy]))
    inside = prep(shape)
    cells = []
    for cell in diagram.geoms:
        if inside.contains(cell):
            cells.append(cell)
        elif inside.intersects(cell):
            clipped = cell.intersection(shape)
            if clipped.area > 1.0:
                cells.append(clipped)
    # Tracts are drawn to similar populations; a log-normal spread around 4,000 residents.
    population = np.round(rng.lognormal(math.log(4000.0), 0.35, len(cells))).astype(np.int64)
    centres = np.array([[c.centroid.x, c.centroid.y] for c in cells])
    sizes = np.sqrt(np.array([c.area for c in cells])) * 0.35
    region_seeds = centres[rng.choice(len(cells), size=args.regions, replace=False)]
    region = np.empty(len(cells), dtype=np.int64)
    for start in range(0, len(cells), 20_000):
        block = centres[start:start + 20_000]
        d = ((block[:, None, :] - region_seeds[None, :, :]) ** 2).sum(axis=2)
        region[start:start + 20_000] = d.argmin(axis=1)
    write_areas(args.areas_csv, cells, population, region)
    print(f"areas: {len(cells):,} written to {os.path.basename(args.areas_csv)}", file=sys.stderr)
    if args.cases_csv and args.points > 0:
        write_cases(args.cases_csv, rng, centres, sizes, population, region, args.points, args.regions)


if __name__ == "__main__":
    main()
