#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""What the roundest locality holding a bridged landmass could be (issue 13, decision 38).

Reads an area layer (the demo's tracts by default), finds its landmasses (areas within 1 m of each
other, the contiguity rule of decision 4), and for one landmass (the one holding --area) prints its
Polsby-Popper alone, the areas nearest to it in other landmasses, and candidate localities grown
from it greedily (each step adds the neighbour that leaves the union roundest) until --floor
residents, through the bridge the engine uses (the nearest area) and through each of the next
nearest; areas left with all their neighbours inside the locality join it. Polsby-Popper is 4 pi area / perimeter^2 of the union, every part's boundary counted and
sliver holes (mean width below the tolerance) filled, as the outputs measure it. Not a test: a
measurement of the data, to be read with the engine's figures.

  bench/shape_worst_candidates.py [--areas GPKG] [--layer tract] [--area 36081091601] [--floor 150000]

Needs Debian's python3-gdal and python3-shapely.
"""
import argparse
import math

from osgeo import ogr
from shapely import wkb
from shapely.geometry import MultiPolygon, Polygon
from shapely.ops import unary_union
from shapely.strtree import STRtree


def polsby_popper(geom, tolerance):
    parts = []
    for p in getattr(geom, "geoms", [geom]):
        holes = [r for r in p.interiors if 2 * Polygon(r).area / Polygon(r).length >= tolerance]
        parts.append(Polygon(p.exterior, holes))
    filled = MultiPolygon(parts) if len(parts) > 1 else parts[0]
    return 4 * math.pi * filled.area / filled.length ** 2


def read(path, layer_name, id_field, population_field):
    dataset = ogr.Open(path)  # kept: the layer dies with it
    layer = dataset.GetLayerByName(layer_name)
    metres = layer.GetSpatialRef().GetLinearUnits()
    areas = []
    for f in layer:
        areas.append((f[id_field], f[population_field] or 0, wkb.loads(bytes(f.GetGeometryRef().ExportToWkb()))))
    return areas, 1.0 / metres  # 1 m in layer units


def neighbours(geoms, tolerance):
    tree = STRtree(geoms)
    index = {id(g): i for i, g in enumerate(geoms)}
    near = [set() for _ in geoms]
    for i, g in enumerate(geoms):
        for h in tree.query(g.buffer(tolerance)):
            j = index[id(h)]
            if j != i and g.distance(h) <= tolerance:
                near[i].add(j)
    return near


def landmass(near, start):
    seen, stack = {start}, [start]
    while stack:
        for v in near[stack.pop()]:
            if v not in seen:
                seen.add(v)
                stack.append(v)
    return seen


def grow(areas, near, members, link, floor, tolerance):
    """Greedy roundest growth from `members` (+ the linked area) until the floor; (pp, population, size)."""
    members = set(members) | {link}
    union = unary_union([areas[i][2] for i in members])
    population = sum(areas[i][1] for i in members)
    while population < floor:
        frontier = set().union(*(near[i] for i in members)) - members
        if not frontier:
            return None
        best = max(frontier, key=lambda j: (polsby_popper(union.union(areas[j][2]), tolerance), -j))
        members.add(best)
        union = union.union(areas[best][2])
        population += areas[best][1]
    # An area all of whose neighbours are in the locality cannot be in another one (it would be a
    # locality of its own, below the floor): on the demo the Brooklyn marsh hangs on the Queens one.
    enclosed = [j for j in range(len(areas)) if j not in members and near[j] and near[j] <= members]
    while enclosed:
        members.update(enclosed)
        union = unary_union([union] + [areas[j][2] for j in enclosed])
        population += sum(areas[j][1] for j in enclosed)
        enclosed = [j for j in range(len(areas)) if j not in members and near[j] and near[j] <= members]
    return polsby_popper(union, tolerance), population, len(members)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--areas", default="data/demo/nyc_demo.gpkg")
    parser.add_argument("--layer", default="tract")
    parser.add_argument("--id-field", default="geoid")
    parser.add_argument("--population", default="population")
    parser.add_argument("--area", default="36081091601", help="an area of the landmass to study")
    parser.add_argument("--floor", type=float, default=150000)
    parser.add_argument("--links", type=int, default=4, help="nearest areas of other landmasses tried")
    args = parser.parse_args()
    areas, tolerance = read(args.areas, args.layer, args.id_field, args.population)
    geoms = [a[2] for a in areas]
    near = neighbours(geoms, tolerance)
    start = next(i for i, a in enumerate(areas) if a[0] == args.area)
    land = landmass(near, start)
    union = unary_union([geoms[i] for i in land])
    print(f"landmass of {args.area}: {len(land)} areas, {sum(areas[i][1] for i in land):,.0f} residents, "
          f"Polsby-Popper {polsby_popper(union, tolerance):.4f}")
    outside = sorted((union.distance(g), i) for i, g in enumerate(geoms) if i not in land
                     and union.distance(g) < 50 * tolerance * 1000)[: args.links]
    for rank, (distance, i) in enumerate(outside):
        parts = len(getattr(geoms[i], "geoms", [geoms[i]]))
        grown = grow(areas, near, land, i, args.floor, tolerance)
        what = (f"grown to {grown[1]:,.0f} residents ({grown[2]} areas): Polsby-Popper {grown[0]:.4f}"
                if grown else "cannot reach the floor")
        print(f"{'bridge' if rank == 0 else 'other '} {areas[i][0]} at {distance / tolerance:,.0f} m "
              f"({areas[i][1]:,.0f} residents, {parts} parts, Polsby-Popper {polsby_popper(geoms[i], tolerance):.4f}); "
              f"{what}")
        if rank == 0:
            # Bridged elsewhere, the landmass leaves this area to some other locality.
            alone = grow(areas, near, set(), i, args.floor, tolerance)
            print(f"       {areas[i][0]} without the landmass, grown to {alone[1]:,.0f} residents "
                  f"({alone[2]} areas): Polsby-Popper {alone[0]:.4f}")


if __name__ == "__main__":
    main()
