#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Hairline cracks in written localities (issue 13, decision 43): thin holes and notches that areas
whose common border is not noded alike leave in their union.

Reads a localities layer (localities.gpkg's `localities`, in the working CRS, or localities.geojson,
reprojected to --crs), and for each locality closes every gap narrower than --width (a morphological
closing: grown by half the width, shrunk back). What the closing adds, in pieces longer than 10
widths, is a crack: an interior ring (a
hole no wider than --width) or a notch (open to the outside). Prints the count and length of each
kind, and the mean and worst Polsby-Popper (4 pi area / perimeter^2, every part and hole counted, as
the outputs measure it) as written and closed. Also checks each geometry with GEOS's isValid. Not a
test: a measurement of an output, to compare two builds.

  bench/locality_cracks.py OUT/localities.gpkg [--layer localities] [--width 0.01] [--crs EPSG:32118]
  bench/locality_cracks.py OUT/localities.geojson --crs EPSG:32118

Needs Debian's python3-gdal and python3-shapely.
"""
import argparse
import math
import statistics

from osgeo import ogr, osr
from shapely import wkb
from shapely.geometry import Polygon


def read(path, layer_name, crs):
    dataset = ogr.Open(path)  # kept: the layer dies with it
    layer = dataset.GetLayerByName(layer_name) if layer_name else dataset.GetLayer(0)
    transform = None
    if crs:
        target = osr.SpatialReference()
        target.SetFromUserInput(crs)
        target.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        source = layer.GetSpatialRef()
        source.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        if not source.IsSame(target):
            transform = osr.CoordinateTransformation(source, target)
    out = []
    for feature in layer:
        g = feature.GetGeometryRef().Clone()
        if transform is not None:
            g.Transform(transform)
        out.append((feature.GetField("locality"), wkb.loads(bytes(g.ExportToWkb()))))
    return out


def polsby_popper(g):
    return 4 * math.pi * g.area / g.length ** 2 if g.length > 0 else 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path")
    parser.add_argument("--layer", default="")
    parser.add_argument("--width", type=float, default=0.01, help="widest crack closed, CRS units (metres)")
    parser.add_argument("--crs", default="", help="measure in this CRS (metres), e.g. the working CRS")
    options = parser.parse_args()
    localities = read(options.path, options.layer, options.crs)
    half = options.width / 2
    holes = notches = invalid = 0
    hole_length = notch_length = 0.0
    written = []
    closed_pp = []
    for _, g in localities:
        invalid += 0 if g.is_valid else 1
        closed = g.buffer(half, join_style=2).buffer(-half, join_style=2)
        # The closing also fills concave corners sharper than its mitre limit (specks a few widths
        # long) and leaves its own rounding along straight edges (pieces 1e-12 m wide): only pieces
        # longer than 10 widths and wider than 1e-9 m on average are counted as cracks (the NYC
        # tracts' are 1e-7 to 1e-5 m wide). The closed figure is the closing's own (g united with
        # the pieces keeps micro-slivers along every crack).
        added = closed.difference(g)
        for part in getattr(added, "geoms", [added]):
            if part.is_empty or part.length / 2 < 10 * options.width or 2 * part.area / part.length < 1e-9:
                continue
            inside = part.representative_point()
            if any(Polygon(ring).contains(inside) for p in getattr(g, "geoms", [g]) for ring in p.interiors):
                holes += 1
                hole_length += part.length / 2
            else:
                notches += 1
                notch_length += part.length / 2
        written.append(polsby_popper(g))
        closed_pp.append(polsby_popper(closed))
    print(f"{options.path}: {len(localities)} localities, {invalid} invalid")
    print(f"  crack holes: {holes}, {hole_length:.1f} m; crack notches: {notches}, {notch_length:.1f} m"
          f" (gaps under {options.width} m)")
    print(f"  Polsby-Popper as written: mean {statistics.mean(written):.4f}, worst {min(written):.4f}")
    print(f"  Polsby-Popper closed:     mean {statistics.mean(closed_pp):.4f}, worst {min(closed_pp):.4f}")
    worst = sorted(((c - w, l) for (l, _), w, c in zip(localities, written, closed_pp)), reverse=True)[:3]
    print("  largest differences: " + ", ".join(f"locality {l} +{d:.4f}" for d, l in worst))


if __name__ == "__main__":
    main()
