// SPDX-License-Identifier: MIT
#pragma once
// Reads layers of the shared NYC boundaries GeoPackage for the overlay tests (native
// EPSG:2263, US feet: the overlay is CRS-agnostic, and shares are ratios).

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <fstream>
#include <string>
#include <vector>

#include "locality/geom/geos_context.hpp"
#include "test_config.hpp"

namespace locality::test {

/** Path of the shared NYC boundaries file; empty when the shared data is not installed. */
inline std::string nyc_boundaries_path() {
    const std::string path = shared_data_path("nyc-nycgeo-boundaries/nyc_boundaries.gpkg");
    return std::ifstream(path).good() ? path : std::string();
}

/** Every geometry of `layer`, in feature order, as WKB. */
inline std::vector<geom::Wkb> read_nyc_layer(const std::string& layer_name) {
    GDALAllRegister();
    GDALDatasetUniquePtr ds(
        GDALDataset::Open(nyc_boundaries_path().c_str(), GDAL_OF_VECTOR | GDAL_OF_VERBOSE_ERROR));
    std::vector<geom::Wkb> out;
    if (!ds) {
        return out;
    }
    OGRLayer* layer = ds->GetLayerByName(layer_name.c_str());
    if (layer == nullptr) {
        return out;
    }
    for (const auto& feature : *layer) {
        const OGRGeometry* g = feature->GetGeometryRef();
        geom::Wkb wkb(g != nullptr ? static_cast<std::size_t>(g->WkbSize()) : 0);
        if (g != nullptr) {
            g->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
        }
        out.push_back(std::move(wkb));
    }
    return out;
}

}  // namespace locality::test
