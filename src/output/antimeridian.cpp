// SPDX-License-Identifier: MIT
#include "antimeridian.hpp"

#include <cmath>
#include <vector>

namespace locality::output {

namespace {

std::vector<OGRPolygon*> polygons_of(OGRGeometry& g) {
    std::vector<OGRPolygon*> out;
    const OGRwkbGeometryType type = wkbFlatten(g.getGeometryType());
    if (type == wkbPolygon) {
        out.push_back(g.toPolygon());
    } else if (type == wkbMultiPolygon || type == wkbGeometryCollection) {
        // An intersection may also give a collection (with the lines where it touches the window).
        for (OGRGeometry* part : *g.toGeometryCollection()) {
            for (OGRPolygon* p : polygons_of(*part)) {
                out.push_back(p);
            }
        }
    }
    return out;
}

/** Longitudes of every ring continuous, starting from `reference`. */
void unwrap_ring(OGRLinearRing& ring, double reference) {
    double previous = reference;
    for (int i = 0; i < ring.getNumPoints(); ++i) {
        double x = ring.getX(i);
        x -= 360.0 * std::round((x - previous) / 360.0);
        ring.setPoint(i, x, ring.getY(i));
        previous = x;
    }
}

void shift(OGRGeometry& g, double dx) {
    for (OGRPolygon* polygon : polygons_of(g)) {
        for (OGRLinearRing* ring : *polygon) {
            for (int i = 0; i < ring->getNumPoints(); ++i) {
                ring->setPoint(i, ring->getX(i) + dx, ring->getY(i));
            }
        }
    }
}

OGRPolygon box(double min_x, double max_x) {
    OGRLinearRing ring;
    ring.addPoint(min_x, -90.0);
    ring.addPoint(max_x, -90.0);
    ring.addPoint(max_x, 90.0);
    ring.addPoint(min_x, 90.0);
    ring.addPoint(min_x, -90.0);
    OGRPolygon out;
    out.addRing(&ring);
    return out;
}

}  // namespace

OGRGeometryUniquePtr cut_at_antimeridian(OGRGeometryUniquePtr lonlat) {
    const std::vector<OGRPolygon*> polygons = polygons_of(*lonlat);
    for (OGRPolygon* polygon : polygons) {
        OGRLinearRing* outer = polygon->getExteriorRing();
        if (outer == nullptr || outer->getNumPoints() == 0) {
            continue;
        }
        const double reference = outer->getX(0);
        for (OGRLinearRing* ring : *polygon) {
            unwrap_ring(*ring, reference);
        }
    }
    OGREnvelope envelope;
    lonlat->getEnvelope(&envelope);
    if (envelope.MinX >= -180.0 && envelope.MaxX <= 180.0) {
        return lonlat;
    }
    // Each window of 360 degrees that the shape reaches, cut out and moved into [-180, 180].
    auto out = std::make_unique<OGRMultiPolygon>();
    for (int turn = -1; turn <= 1; ++turn) {
        const OGRPolygon window = box(-180.0 + 360.0 * turn, 180.0 + 360.0 * turn);
        OGRGeometryUniquePtr piece(lonlat->Intersection(&window));
        if (!piece) {
            return nullptr;
        }
        shift(*piece, -360.0 * turn);
        for (OGRPolygon* p : polygons_of(*piece)) {
            if (!p->IsEmpty()) {
                out->addGeometry(p);
            }
        }
    }
    return OGRGeometryUniquePtr(out.release());
}

}  // namespace locality::output
