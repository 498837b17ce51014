// SPDX-License-Identifier: MIT
#pragma once
// Independent truth for the pipeline validation tests: everything here is computed with GDAL/OGR
// and GEOS directly (and small code of its own), never with locality's io, overlay, graph or
// regionalize functions, so that a bug there cannot hide itself.

#include <ogr_geometry.h>

#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace locality::test {

/** A polygon layer read straight from GDAL, in the layer's own CRS and FID order. */
struct TruthAreas {
    std::vector<std::string> ids;
    std::vector<double> population;  ///< 0 where null or without a population field
    std::vector<OGRGeometryUniquePtr> geometries;
    std::map<std::string, std::size_t> index_of;  ///< id -> position
    double total_area = 0.0;                      ///< sum of the polygons' areas, squared CRS units
};

/** Area of a Polygon or MultiPolygon in squared CRS units; 0 for anything else. */
double polygonal_area(const OGRGeometry& geometry);

/** Reads `layer` of `path`; `population_field` may be empty. */
TruthAreas read_truth_areas(const std::string& path, const std::string& layer, const std::string& id_field,
                            const std::string& population_field);

/** Copies the features of `layer` that satisfy the OGR SQL `where` into a new GeoPackage layer. */
void write_subset_gpkg(const std::string& source, const std::string& layer, const std::string& where,
                       const std::string& destination);

/** The demo's 288 Manhattan tracts (layer `tract` of data/demo/nyc_demo.gpkg) copied to `destination`,
 * returned. */
std::string write_manhattan_tracts(const std::string& destination);

/** One row of a case CSV as GDAL's CSV driver reads it. */
struct CaseRow {
    std::string agency;
    std::string lon_text;  ///< the Longitude cell, verbatim
    std::string lat_text;  ///< the Latitude cell, verbatim
    bool has_point = false;
    double lon = 0.0;
    double lat = 0.0;
};

/** Every data row of a CSV with `Longitude`/`Latitude` columns (GDAL CSV driver, X/Y_POSSIBLE_NAMES). */
std::vector<CaseRow> read_case_rows(const std::string& csv_path, const std::string& agency_field);

/** Result of locating case rows in areas with OGR. */
struct OgrLocation {
    std::vector<long> area_of;  ///< per row: position in the layer (FID order), or -1
    std::size_t ties = 0;       ///< rows intersecting more than one area (lowest FID kept)
};

/**
 * Transforms each row's lon/lat (EPSG:4326, traditional GIS order) to the layer's CRS with OGR and
 * finds the area by OGRLayer::SetSpatialFilter + OGRGeometry::Intersects, lowest FID on ties.
 */
OgrLocation locate_with_ogr(const std::string& path, const std::string& layer,
                            const std::vector<CaseRow>& rows);

/** Pairs (i < j) of areas within `distance` (CRS units): envelope prefilter, then GEOS distance. */
std::vector<std::pair<std::size_t, std::size_t>> near_pairs(const TruthAreas& areas, double distance);

/** Number of connected components of the nodes `members`, with the undirected `edges` among them. */
std::size_t component_count(const std::vector<std::size_t>& members,
                            const std::vector<std::pair<std::size_t, std::size_t>>& edges);

/** Every numeric token of `text` (sign, digits, point, digits; exponent included), verbatim. */
std::vector<std::string> numeric_tokens(const std::string& text);

/** Largest number of decimals of any number inside a "coordinates" member of GeoJSON text. */
int max_coordinate_decimals(const std::string& geojson_text);

/** Consecutive pairs "x,y" of numeric tokens inside "coordinates" members (as written). */
std::vector<std::pair<std::string, std::string>> coordinate_pairs(const std::string& geojson_text);

/** US survey foot in metres: EPSG:2263 is in US feet. */
constexpr double k_us_foot_m = 1200.0 / 3937.0;

}  // namespace locality::test
