// SPDX-License-Identifier: MIT
#pragma once

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "locality/geom/geos_context.hpp"

namespace locality::test {

/**
 * Reads every geometry of a layer as WKB with the GDAL C++ API directly (the io module is written
 * in parallel, so the graph tests do not depend on it). An empty `layer_name` takes the first layer.
 */
inline std::vector<geom::Wkb> read_layer_wkb(const std::string& path, const std::string& layer_name = {}) {
    GDALAllRegister();
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds) {
        throw std::runtime_error("cannot open " + path);
    }
    OGRLayer* layer = layer_name.empty() ? ds->GetLayer(0) : ds->GetLayerByName(layer_name.c_str());
    if (layer == nullptr) {
        throw std::runtime_error("no layer '" + layer_name + "' in " + path);
    }
    std::vector<geom::Wkb> out;
    for (const auto& feature : *layer) {
        const OGRGeometry* g = feature->GetGeometryRef();
        geom::Wkb wkb(static_cast<std::size_t>(g->WkbSize()));
        g->exportToWkb(wkbNDR, wkb.data());
        out.push_back(std::move(wkb));
    }
    return out;
}

/** WKB of an axis-aligned rectangle. */
inline geom::Wkb box_wkb(const geom::GeosContext& ctx, double min_x, double min_y, double max_x,
                         double max_y) {
    const geom::GeomPtr g = geom::make_box(ctx, min_x, min_y, max_x, max_y);
    return geom::to_wkb(ctx, g.get());
}

/** WKB of a WKT geometry. */
inline geom::Wkb wkt_wkb(const geom::GeosContext& ctx, const std::string& wkt) {
    const geom::GeomPtr g = geom::from_wkt(ctx, wkt);
    return geom::to_wkb(ctx, g.get());
}

/** Exact GEOS distance between two WKB geometries (the brute-force truth for the tests). */
inline double wkb_distance(const geom::GeosContext& ctx, const geom::Wkb& a, const geom::Wkb& b) {
    const geom::GeomPtr ga = geom::from_wkb(ctx, a);
    const geom::GeomPtr gb = geom::from_wkb(ctx, b);
    double d = 0.0;
    if (GEOSDistance_r(ctx.handle(), ga.get(), gb.get(), &d) == 0) {
        throw std::runtime_error("GEOSDistance failed");
    }
    return d;
}

}  // namespace locality::test
