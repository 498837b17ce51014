// SPDX-License-Identifier: MIT
#include "locality/output/write_gpkg.hpp"

#include <cpl_error.h>
#include <cpl_string.h>
#include <cpl_time.h>

#include <ctime>

#include "gdal_output.hpp"
#include "io/gdal_glue.hpp"
#include "locality/core/error.hpp"

namespace locality::output {

namespace {

// The table and columns QGIS reads a layer's stored styles from (the same as in PostGIS and
// SpatiaLite); QGIS creates it this way when a user saves a style into a GeoPackage.
constexpr const char* k_styles_table = "layer_styles";
constexpr const char* k_geometry_column = "geom";

// Null for geometries without a CRS: GDAL then declares the layer's CRS undefined.
SrsPtr make_srs(const io::Crs& crs, const std::string& path) {
    static_cast<void>(path);
    if (!crs.is_defined() || crs.ogr() == nullptr) {
        return nullptr;
    }
    SrsPtr srs(crs.ogr()->Clone());
    srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

// Polygons become one-part MultiPolygons: a layer of one geometry type is what QGIS and GDAL expect.
OGRGeometryUniquePtr multipolygon(const geom::Wkb& wkb, const std::string& path, const std::string& where) {
    OGRGeometry* raw = nullptr;
    if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &raw, wkb.size()) != OGRERR_NONE ||
        raw == nullptr) {
        throw_gdal(path, "malformed geometry of " + where);
    }
    return OGRGeometryUniquePtr(OGRGeometryFactory::forceToMultiPolygon(raw));
}

void write_layer(GDALDataset& dataset, const GpkgLayer& layer, OGRSpatialReference* srs,
                 const std::string& path) {
    check_table(path, layer.properties);
    if (layer.properties.rows.size() != layer.geometries.size()) {
        throw InputError("cannot write '" + path + "': layer '" + layer.name + "' has " +
                         std::to_string(layer.geometries.size()) + " geometries but " +
                         std::to_string(layer.properties.rows.size()) + " property rows");
    }
    CPLStringList options;
    options.SetNameValue("GEOMETRY_NAME", k_geometry_column);
    options.SetNameValue("FID", "fid");
    if (!layer.description.empty()) {
        options.SetNameValue("DESCRIPTION", layer.description.c_str());
    }
    OGRLayer* out = dataset.CreateLayer(layer.name.c_str(), srs, wkbMultiPolygon, options.List());
    if (out == nullptr) {
        throw_gdal(path, "cannot create layer '" + layer.name + "'");
    }
    create_fields(*out, layer.properties, path);
    for (std::size_t i = 0; i < layer.geometries.size(); ++i) {
        const OGRFeatureUniquePtr feature(OGRFeature::CreateFeature(out->GetLayerDefn()));
        set_fields(*feature, layer.properties.rows[i]);
        const std::string where = "feature " + std::to_string(i + 1) + " of layer '" + layer.name + "'";
        if (!layer.geometries[i].empty()) {
            OGRGeometryUniquePtr g = multipolygon(layer.geometries[i], path, where);
            g->assignSpatialReference(srs);
            feature->SetGeometryDirectly(g.release());
        }
        if (out->CreateFeature(feature.get()) != OGRERR_NONE) {
            throw_gdal(path, "cannot write " + where);
        }
    }
}

// UTC now, as GDAL's DateTime field wants it.
void set_now(OGRFeature& feature, int index) {
    const std::time_t now = std::time(nullptr);
    struct tm utc {};
    CPLUnixTimeToYMDHMS(static_cast<GIntBig>(now), &utc);
    feature.SetField(index, utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min,
                     static_cast<float>(utc.tm_sec), 100);
}

// One row of layer_styles. QGIS opens a layer with its row marked useAsDefault (the latest such row);
// the others are listed under Style > Load Style > Database.
void add_style(OGRLayer& table, const std::string& layer, const std::string& name, const std::string& qml,
               bool as_default, const std::string& path) {
    const OGRFeatureUniquePtr feature(OGRFeature::CreateFeature(table.GetLayerDefn()));
    feature->SetField("f_table_catalog", "");
    feature->SetField("f_table_schema", "");
    feature->SetField("f_table_name", layer.c_str());
    feature->SetField("f_geometry_column", k_geometry_column);
    feature->SetField("styleName", name.c_str());
    feature->SetField("styleQML", qml.c_str());
    feature->SetField("styleSLD", "");
    feature->SetField("useAsDefault", as_default ? 1 : 0);
    feature->SetField("description",
                      ("locality: style of " + layer + (name == layer ? "" : ", " + name)).c_str());
    feature->SetField("owner", "");
    feature->SetField("ui", "");
    set_now(*feature, feature->GetFieldIndex("update_time"));
    if (table.CreateFeature(feature.get()) != OGRERR_NONE) {
        throw_gdal(path, "cannot store the style '" + name + "' of layer '" + layer + "'");
    }
}

void write_styles(GDALDataset& dataset, const std::vector<GpkgLayer>& layers, const std::string& path) {
    CPLStringList options;
    options.SetNameValue("ASPATIAL_VARIANT", "GPKG_ATTRIBUTES");
    options.SetNameValue("DESCRIPTION", "QGIS styles of the layers");
    OGRLayer* table = dataset.CreateLayer(k_styles_table, nullptr, wkbNone, options.List());
    if (table == nullptr) {
        throw_gdal(path, "cannot create the table 'layer_styles'");
    }
    const char* text_fields[] = {"f_table_catalog", "f_table_schema", "f_table_name", "f_geometry_column",
                                 "styleName",       "styleQML",       "styleSLD"};
    for (const char* name : text_fields) {
        OGRFieldDefn field(name, OFTString);
        table->CreateField(&field);
    }
    OGRFieldDefn use_as_default("useAsDefault", OFTInteger);
    use_as_default.SetSubType(OFSTBoolean);
    table->CreateField(&use_as_default);
    for (const char* name : {"description", "owner", "ui"}) {
        OGRFieldDefn field(name, OFTString);
        table->CreateField(&field);
    }
    OGRFieldDefn update_time("update_time", OFTDateTime);
    table->CreateField(&update_time);
    if (table->GetLayerDefn()->GetFieldCount() != 12) {
        throw_gdal(path, "cannot create the columns of 'layer_styles'");
    }
    for (const GpkgLayer& layer : layers) {
        if (!layer.style_qml.empty()) {
            add_style(*table, layer.name, layer.name, layer.style_qml, true, path);
        }
        for (const GpkgStyle& style : layer.other_styles) {
            add_style(*table, layer.name, style.name, style.qml, false, path);
        }
    }
}

}  // namespace

void write_gpkg(const std::string& path, const std::vector<GpkgLayer>& layers, const io::Crs& crs) {
    io::detail::GdalErrorScope errors;  // failures are thrown below, warnings logged
    // The staging name ends in .tmp on purpose (renamed to .gpkg once whole): GDAL's advice about the
    // extension concerns that temporary name, never the file the user gets.
    errors.expect_warning("The filename extension should be 'gpkg'");
    CPLErrorReset();
    GDALDriver* driver = driver_or_throw("GPKG", path);
    const SrsPtr srs = make_srs(crs, path);
    remove_existing(path);
    GDALDatasetUniquePtr dataset(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!dataset) {
        throw_gdal(path, "cannot create the GeoPackage");
    }
    // One transaction: far faster than one per feature, and the file is whole or absent.
    if (dataset->StartTransaction() != OGRERR_NONE) {
        throw_gdal(path, "cannot start a transaction");
    }
    for (const GpkgLayer& layer : layers) {
        write_layer(*dataset, layer, srs.get(), path);
    }
    write_styles(*dataset, layers, path);
    if (dataset->CommitTransaction() != OGRERR_NONE) {
        throw_gdal(path, "cannot commit the GeoPackage");
    }
    // The staging name does not end in .gpkg; the driver's warning about it is harmless.
    CPLErrorReset();
    close_dataset(dataset, path);
}

}  // namespace locality::output
