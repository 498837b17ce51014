// SPDX-License-Identifier: MIT
#pragma once
// Geometry fixtures for the unit tests, read and built with GDAL and GEOS directly: never with
// locality's io module, so that a bug there cannot hide itself in the tests' inputs.

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <fstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "locality/geom/geos_context.hpp"
#include "test_config.hpp"

namespace locality::test {

/** Opens a vector dataset read-only with GDAL; throws std::runtime_error naming `path` when it cannot. */
inline GDALDatasetUniquePtr open_vector(const std::string& path, const char* const* open_options = nullptr) {
    GDALAllRegister();
    GDALDatasetUniquePtr ds(GDALDataset::FromHandle(
        GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, open_options, nullptr)));
    if (!ds) {
        throw std::runtime_error("cannot open " + path);
    }
    return ds;
}

/** The layer `layer_name` of `ds` (the first layer when empty); throws naming `path` when absent. */
inline OGRLayer& layer_of(GDALDataset& ds, const std::string& layer_name, const std::string& path) {
    OGRLayer* layer = layer_name.empty() ? ds.GetLayer(0) : ds.GetLayerByName(layer_name.c_str());
    if (layer == nullptr) {
        throw std::runtime_error("no layer '" + layer_name + "' in " + path);
    }
    return *layer;
}

/** 2D little-endian WKB of an OGR geometry. */
inline geom::Wkb wkb_of(const OGRGeometry& g) {
    geom::Wkb wkb(static_cast<std::size_t>(g.WkbSize()));
    g.exportToWkb(wkbNDR, wkb.data());
    return wkb;
}

/** A layer's geometries as WKB in feature order and, when a field was asked for, its text per feature. */
struct WkbLayer {
    std::vector<geom::Wkb> geometries;
    std::vector<std::string> values;  ///< empty unless a field was named
};

/** Reads `layer_name` of `path` (the first layer when empty); every feature must have a geometry. */
inline WkbLayer read_wkb_layer(const std::string& path, const std::string& layer_name = {},
                               const std::string& field = {}) {
    const GDALDatasetUniquePtr ds = open_vector(path);
    WkbLayer out;
    for (const auto& feature : layer_of(*ds, layer_name, path)) {
        out.geometries.push_back(wkb_of(*feature->GetGeometryRef()));
        if (!field.empty()) {
            out.values.emplace_back(feature->GetFieldAsString(field.c_str()));
        }
    }
    return out;
}

/** Every geometry of a layer as WKB, in feature order (see read_wkb_layer). */
inline std::vector<geom::Wkb> read_layer_wkb(const std::string& path, const std::string& layer_name = {}) {
    return read_wkb_layer(path, layer_name).geometries;
}

/** The shared NYC boundaries GeoPackage (EPSG:2263, US survey feet); it may not be installed. */
inline std::string nyc_gpkg() { return shared_data_path("nyc-nycgeo-boundaries/nyc_boundaries.gpkg"); }

/** Whether nyc_gpkg() is installed; tests that need it skip with a warning when it is not. */
inline bool have_nyc_gpkg() { return std::ifstream(nyc_gpkg()).good(); }

/** The 2166 NYC census tracts (layer `tract`), with `field` per tract when named; empty without the file. */
inline WkbLayer read_nyc_tracts(const std::string& field = {}) {
    return have_nyc_gpkg() ? read_wkb_layer(nyc_gpkg(), "tract", field) : WkbLayer{};
}

/** The CRS `epsg` with x = longitude/easting whatever the EPSG axis order says. */
inline OGRSpatialReference gis_order_srs(int epsg) {
    OGRSpatialReference srs;
    srs.importFromEPSG(epsg);
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

/** WKB of an axis-aligned rectangle; its ring runs (min, min), (max, min), (max, max), (min, max). */
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

/**
 * The nine 1 km cells of data/fixtures/grid3x3.geojson built in memory (EPSG:32618 metres, from
 * 580000, 4500000): index = row * 3 + col, row 0 the southernmost.
 */
inline std::vector<geom::Wkb> grid3x3_wkb(const geom::GeosContext& ctx) {
    std::vector<geom::Wkb> cells;
    for (int row = 0; row < 3; ++row) {
        for (int col = 0; col < 3; ++col) {
            const double x = 580000.0 + 1000.0 * col;
            const double y = 4500000.0 + 1000.0 * row;
            cells.push_back(box_wkb(ctx, x, y, x + 1000.0, y + 1000.0));
        }
    }
    return cells;
}

}  // namespace locality::test
