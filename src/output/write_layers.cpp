// SPDX-License-Identifier: MIT
#include "locality/output/write_layers.hpp"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>
#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>
#include <type_traits>

#include "antimeridian.hpp"
#include "gdal_output.hpp"
#include "io/gdal_glue.hpp"
#include "locality/core/error.hpp"
#include "locality/geom/polygon_parts.hpp"
#include "locality/geom/validity.hpp"
#include "locality/output/output_set.hpp"

namespace locality::output {

namespace {

using geom::GeomPtr;
using geom::GeosContext;

struct TransformDeleter {
    void operator()(OGRCoordinateTransformation* ct) const noexcept {
        OGRCoordinateTransformation::DestroyCT(ct);
    }
};
using TransformPtr = std::unique_ptr<OGRCoordinateTransformation, TransformDeleter>;

// Polygon when there is one part, MultiPolygon otherwise; null when nothing polygonal is left.
GeomPtr polygonal(const GeosContext& ctx, GeomPtr g) {
    const int type = GEOSGeomTypeId_r(ctx.handle(), g.get());
    if (type == GEOS_POLYGON || type == GEOS_MULTIPOLYGON) {
        return GEOSisEmpty_r(ctx.handle(), g.get()) != 0 ? nullptr : std::move(g);
    }
    // Owned parts: a clone never leaks, even when building the collection throws.
    std::vector<GeomPtr> parts;
    geom::collect_polygons(ctx, g.get(), parts);
    if (parts.empty()) {
        return nullptr;
    }
    if (parts.size() == 1) {
        return std::move(parts.front());
    }
    return geom::make_collection(ctx, GEOS_MULTIPOLYGON, std::move(parts));
}

/**
 * One geometry on its way to the file: WKB in the source CRS → OGR → WGS 84 → GEOS snapped to the
 * output grid (valid by construction, so the driver's rounding to the same grid changes nothing)
 * → OGR. Null result = nothing polygonal survived (written as a null geometry).
 */
OGRGeometryUniquePtr prepare_geometry(const GeosContext& ctx, const geom::Wkb& wkb,
                                      OGRCoordinateTransformation* ct, double grid, const std::string& path,
                                      std::size_t index) {
    const std::string where = "feature " + std::to_string(index + 1);
    OGRGeometry* raw = nullptr;
    if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &raw, wkb.size()) != OGRERR_NONE ||
        raw == nullptr) {
        throw_gdal(path, "malformed geometry of " + where);
    }
    OGRGeometryUniquePtr geometry(raw);
    if (ct != nullptr) {
        if (geometry->transform(ct) != OGRERR_NONE) {
            throw_gdal(path, "cannot reproject " + where + " to WGS 84");
        }
        // RFC 7946 section 3.1.9: a shape that crosses the antimeridian is cut there into parts
        // on either side, never drawn as a band round the globe from -180 to 180.
        geometry = cut_at_antimeridian(std::move(geometry));
        if (!geometry) {
            throw_gdal(path, "cannot cut " + where + " at the antimeridian");
        }
    }
    GEOSGeometry* exported = geometry->exportToGEOS(ctx.handle());
    if (exported == nullptr) {
        throw_gdal(path, "cannot convert " + where + " for GEOS");
    }
    GeomPtr lonlat(exported, geom::GeomDeleter{ctx.handle()});
    // Reprojection can make a valid polygon invalid (rings that nearly touch cross after the
    // transformation), and GEOS cannot snap an invalid polygon: repair it first.
    geom::RepairOutcome outcome = geom::RepairOutcome::valid;
    lonlat = geom::make_valid_polygonal(ctx, std::move(lonlat), outcome);
    GEOSGeometry* snapped = GEOSGeom_setPrecision_r(ctx.handle(), lonlat.get(), grid, GEOS_PREC_VALID_OUTPUT);
    if (snapped == nullptr) {
        char grid_text[32];
        std::snprintf(grid_text, sizeof grid_text, "%g", grid);
        throw GeometryError("cannot write '" + path + "': cannot snap " + where + " to the " + grid_text +
                            " degree grid: " + ctx.last_error());
    }
    const GeomPtr result = polygonal(ctx, GeomPtr(snapped, geom::GeomDeleter{ctx.handle()}));
    if (!result) {
        return nullptr;
    }
    OGRGeometry* back = OGRGeometryFactory::createFromGEOS(ctx.handle(), result.get());
    if (back == nullptr) {
        throw_gdal(path, "cannot convert " + where + " back from GEOS");
    }
    return OGRGeometryUniquePtr(back);
}

// A WGS 84 lon/lat spatial reference (traditional GIS order: x = longitude).
SrsPtr make_wgs84() {
    SrsPtr srs(new OGRSpatialReference());
    srs->SetWellKnownGeogCS("WGS84");
    srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

// Null when the source is already WGS 84 lon/lat, or has no CRS (written in its own units).
TransformPtr make_transform(const io::Crs& crs, const OGRSpatialReference& wgs84, const std::string& path) {
    if (!crs.is_defined() || crs.ogr() == nullptr) {
        return nullptr;
    }
    SrsPtr source(crs.ogr()->Clone());
    source->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (source->IsSame(&wgs84)) {
        return nullptr;
    }
    TransformPtr ct(OGRCreateCoordinateTransformation(source.get(), &wgs84));
    if (!ct) {
        throw_gdal(path, "no transformation from the areas' CRS to WGS 84");
    }
    return ct;
}

// An in-memory GDAL file that is removed however the writer exits (a leftover would make the
// next Create on this thread fail).
struct MemoryFile {
    explicit MemoryFile(std::string p) : path(std::move(p)) { VSIUnlink(path.c_str()); }
    ~MemoryFile() { VSIUnlink(path.c_str()); }
    MemoryFile(const MemoryFile&) = delete;
    MemoryFile& operator=(const MemoryFile&) = delete;
    std::string path;
};

// Reprojects and snaps every geometry, in parallel: each thread has its own GEOS context and its
// own PROJ transformation (neither may be shared), and GDAL's error handler is per thread, so each
// task silences its own. The order of the result is the order of `geometries`.
std::vector<OGRGeometryUniquePtr> prepare_geometries(const std::vector<geom::Wkb>& geometries,
                                                     const io::Crs& crs, const OGRSpatialReference& wgs84,
                                                     const std::string& path, int precision) {
    struct ThreadState {
        GeosContext ctx;
        TransformPtr ct;
        bool ready = false;
    };
    tbb::enumerable_thread_specific<ThreadState> states;
    std::vector<OGRGeometryUniquePtr> out(geometries.size());
    const double grid = std::pow(10.0, -precision);
    tbb::parallel_for(
        tbb::blocked_range<std::size_t>(0, geometries.size(), 1),
        [&](const tbb::blocked_range<std::size_t>& range) {
            const io::detail::GdalErrorScope errors;  // failures are thrown below, warnings logged
            ThreadState& state = states.local();
            if (!state.ready) {
                state.ct = make_transform(crs, wgs84, path);
                state.ready = true;
            }
            for (std::size_t i = range.begin(); i != range.end(); ++i) {
                out[i] = prepare_geometry(state.ctx, geometries[i], state.ct.get(), grid, path, i);
            }
        });
    return out;
}

}  // namespace

Table without_null_numeric_columns(const Table& table) {
    std::vector<std::size_t> kept;
    for (std::size_t c = 0; c < table.fields.size(); ++c) {
        const bool numeric = table.fields[c].type != FieldType::string;
        const bool all_null =
            !table.rows.empty() && std::all_of(table.rows.begin(), table.rows.end(), [&](const auto& row) {
                return c >= row.size() || std::holds_alternative<std::monostate>(row[c]);
            });
        if (!(numeric && all_null)) {
            kept.push_back(c);
        }
    }
    if (kept.size() == table.fields.size()) {
        return table;
    }
    Table out;
    for (const std::size_t c : kept) {
        out.fields.push_back(table.fields[c]);
    }
    for (const auto& row : table.rows) {
        std::vector<Value> cells;
        for (const std::size_t c : kept) {
            cells.push_back(c < row.size() ? row[c] : Value());
        }
        out.rows.push_back(std::move(cells));
    }
    return out;
}

void write_geojson(const std::string& path, const Table& all_properties,
                   const std::vector<geom::Wkb>& geometries, const io::Crs& crs,
                   const GeoJsonOptions& options) {
    check_table(path, all_properties);
    const Table properties = without_null_numeric_columns(all_properties);
    if (properties.rows.size() != geometries.size()) {
        throw InputError("cannot write '" + path + "': " + std::to_string(geometries.size()) +
                         " geometries but " + std::to_string(properties.rows.size()) + " property rows");
    }
    if (options.coordinate_precision < 0 || options.coordinate_precision > 15) {
        throw InputError("cannot write '" + path + "': coordinate precision must be 0..15, not " +
                         std::to_string(options.coordinate_precision));
    }
    const io::detail::GdalErrorScope errors;  // failures are thrown below, warnings logged
    CPLErrorReset();
    GDALDriver* driver = driver_or_throw("GeoJSON", path);
    const auto wgs84 = make_wgs84();
    make_transform(crs, *wgs84, path);  // fails early, before the file exists, when there is none
    // Geometries without a CRS (regionalize on a layer without one) keep their own coordinates: a
    // GeoJSON without RFC 7946's promise of longitude and latitude, and without a CRS.
    const bool lonlat = crs.is_defined();
    remove_existing(path);

    GDALDatasetUniquePtr dataset(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!dataset) {
        throw_gdal(path, "cannot create the file");
    }
    CPLStringList layer_options;
    layer_options.SetNameValue("RFC7946", lonlat ? "YES" : "NO");
    layer_options.SetNameValue("COORDINATE_PRECISION", std::to_string(options.coordinate_precision).c_str());
    OGRLayer* layer = dataset->CreateLayer(options.layer_name.c_str(), lonlat ? wgs84.get() : nullptr,
                                           wkbUnknown, layer_options.List());
    if (layer == nullptr) {
        throw_gdal(path, "cannot create layer '" + options.layer_name + "'");
    }
    create_fields(*layer, properties, path);

    std::vector<OGRGeometryUniquePtr> prepared =
        prepare_geometries(geometries, crs, *wgs84, path, options.coordinate_precision);
    for (std::size_t i = 0; i < geometries.size(); ++i) {
        const OGRFeatureUniquePtr feature(OGRFeature::CreateFeature(layer->GetLayerDefn()));
        set_fields(*feature, properties.rows[i]);
        OGRGeometryUniquePtr g = std::move(prepared[i]);
        if (g) {
            g->assignSpatialReference(lonlat ? wgs84.get() : nullptr);
            feature->SetGeometryDirectly(g.release());
        }
        if (layer->CreateFeature(feature.get()) != OGRERR_NONE) {
            throw_gdal(path, "cannot write feature " + std::to_string(i + 1));
        }
    }
    close_dataset(dataset, path);
}

void write_csv(const std::string& path, const Table& table) {
    check_table(path, table);
    const io::detail::GdalErrorScope errors;  // failures are thrown below, warnings logged
    CPLErrorReset();
    GDALDriver* driver = driver_or_throw("CSV", path);

    // The CSV driver only writes a single file when the name ends in ".csv" (otherwise it makes a
    // folder), and staging names end in ".tmp"; so write to memory and copy the bytes out. The
    // thread id keeps concurrent writers apart.
    std::ostringstream name;
    name << "/vsimem/locality-table-" << std::this_thread::get_id() << ".csv";
    const MemoryFile memory(name.str());
    const std::string& memory_path = memory.path;
    GDALDatasetUniquePtr dataset(driver->Create(memory_path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!dataset) {
        throw_gdal(path, "cannot create the CSV table");
    }
    CPLStringList layer_options;
    layer_options.SetNameValue("LINEFORMAT", "LF");
    layer_options.SetNameValue("STRING_QUOTING", "IF_NEEDED");
    OGRLayer* layer = dataset->CreateLayer("table", nullptr, wkbNone, layer_options.List());
    if (layer == nullptr) {
        throw_gdal(path, "cannot create the CSV layer");
    }
    create_fields(*layer, table, path);
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
        const OGRFeatureUniquePtr feature(OGRFeature::CreateFeature(layer->GetLayerDefn()));
        set_fields(*feature, table.rows[i]);
        if (layer->CreateFeature(feature.get()) != OGRERR_NONE) {
            throw_gdal(path, "cannot write row " + std::to_string(i + 1));
        }
    }
    close_dataset(dataset, path);

    vsi_l_offset size = 0;
    // FALSE: the buffer stays owned by the in-memory file, which MemoryFile removes.
    const GByte* bytes = VSIGetMemFileBuffer(memory_path.c_str(), &size, FALSE);
    if (bytes == nullptr) {
        throw_gdal(path, "the CSV driver produced no output");
    }
    const std::string text(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size));
    remove_existing(path);
    write_text_file(path, text);
}

}  // namespace locality::output
