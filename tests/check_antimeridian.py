# SPDX-License-Identifier: MIT
"""An antimeridian-aware RFC 7946 check of GeoJSON polygon layers (section 3.1.9).

usage: python3 check_antimeridian.py LAYER.geojson...
Every longitude lies in [-180, 180] and every latitude in [-90, 90], and no ring has an edge that
spans more than 180 degrees of longitude (away from the poles): such an edge is a shape crossing
the antimeridian drawn the long way round, as a band across the globe, where RFC 7946 wants it cut
into parts on either side. With Debian's python3-shapely, every geometry must also be valid (a
shape torn while being cut is not). Exit 0 when every file passes, 1 otherwise. A copy of the first file
with one part moved across the antimeridian must fail, so the check cannot pass vacuously.
"""
import copy
import json
import sys


def rings(geometry):
    if geometry is None:
        return
    kind = geometry["type"]
    if kind == "Polygon":
        yield from geometry["coordinates"]
    elif kind == "MultiPolygon":
        for polygon in geometry["coordinates"]:
            yield from polygon
    elif kind == "GeometryCollection":
        for g in geometry["geometries"]:
            yield from rings(g)


try:
    from shapely.geometry import shape
    from shapely.validation import explain_validity
except ImportError:  # the band check alone
    shape = None


def problems(collection):
    for index, feature in enumerate(collection["features"], start=1):
        if shape is not None and feature.get("geometry") is not None:
            geometry = shape(feature["geometry"])
            if not geometry.is_valid:
                yield f"feature {index}: invalid geometry: {explain_validity(geometry)}"
        for ring in rings(feature.get("geometry")):
            for (x0, y0, *_), (x1, y1, *_) in zip(ring, ring[1:]):
                if not (-180 <= x1 <= 180 and -90 <= y1 <= 90):
                    yield f"feature {index}: position ({x1}, {y1}) outside [-180, 180] x [-90, 90]"
                    break
                if abs(x1 - x0) > 180 and not (abs(y0) == 90 and abs(y1) == 90):
                    yield (f"feature {index}: an edge from longitude {x0} to {x1} spans "
                           f"{abs(x1 - x0):.1f} degrees: a band across the antimeridian, not cut there")
                    break


def main(paths):
    failed = False
    for path in paths:
        with open(path, encoding="utf-8") as f:
            collection = json.load(f)
        found = list(problems(collection))
        for p in found[:10]:
            print(f"{path}: {p}")
        failed = failed or bool(found)
    # Self-test: the first file with the first ring's first edge stretched across the antimeridian.
    with open(paths[0], encoding="utf-8") as f:
        broken = copy.deepcopy(json.load(f))
    for feature in broken["features"]:
        ring = next(rings(feature.get("geometry")), None)
        if ring:
            x0 = ring[0][0]
            ring[1] = [x0 - 181.0 if x0 >= 0 else x0 + 181.0, ring[1][1]]
            break
    if not list(problems(broken)):
        print(f"{paths[0]}: the check passed a layer with a band across the antimeridian: check broken")
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1:]))
