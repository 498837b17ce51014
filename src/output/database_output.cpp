// SPDX-License-Identifier: MIT
#include "locality/output/database_output.hpp"

#include <cpl_error.h>
#include <cpl_string.h>
#include <gdal_priv.h>
#include <ogr_geometry.h>
#include <ogrsf_frmts.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <system_error>

#include "io/gdal_glue.hpp"
#include "locality/core/error.hpp"
#include "locality/io/connection.hpp"

namespace locality::output {

namespace {

namespace fs = std::filesystem;

// The CSV column that must stay text even when every value looks like a number (GEOIDs keep
// their leading zeros).
constexpr const char* k_id_column = "area_id";

// GDAL's failure while writing to the database, through the one bridge (io/gdal_glue.hpp).
[[noreturn]] void throw_database(const std::string& where, const std::string& what) {
    io::detail::throw_gdal_error(io::redact_credentials(where) + ": " + what);
}

GDALDatasetUniquePtr open_database(const std::string& connection, const std::string& label) {
    io::detail::ensure_gdal_registered();
    const char* const drivers[] = {"PostgreSQL", nullptr};
    GDALDatasetUniquePtr dataset(GDALDataset::Open(connection.c_str(),
                                                   GDAL_OF_VECTOR | GDAL_OF_UPDATE | GDAL_OF_VERBOSE_ERROR,
                                                   drivers, nullptr, nullptr));
    if (!dataset) {
        throw_database(
            "cannot open the output database '" + label + "'",
            "check the connection string and the libpq settings (PGHOST, PGUSER, PGSERVICE, ~/.pgpass)");
    }
    return dataset;
}

// to_regclass() is null for a missing table and never raises, whatever the search path.
bool table_exists(GDALDataset& dataset, const std::string& name, const std::string& label) {
    const std::string sql = "SELECT to_regclass('" + name + "') IS NOT NULL AS present";
    const io::detail::ResultSet result(dataset, sql);
    if (!result) {
        throw_database("cannot query the output database '" + label + "'",
                       "cannot look up table '" + name + "'");
    }
    const OGRFeatureUniquePtr row(result->GetNextFeature());
    return row && row->GetFieldAsInteger(0) != 0;
}

// Lower-case identifiers only: they need no quoting in SQL, and GDAL's laundering leaves them as they are.
void check_prefix(const std::string& prefix) {
    static const std::regex k_pattern("^([a-z_][a-z0-9_]*\\.)?([a-z_][a-z0-9_]*)?$");
    if (!std::regex_match(prefix, k_pattern)) {
        throw UsageError("--table-prefix '" + prefix +
                         "' must be lower-case letters, digits and '_' (e.g. 'locality_'), optionally after "
                         "a schema ('results.nyc_')");
    }
}

std::string make_staging_directory() {
    std::string pattern = (fs::temp_directory_path() / "locality-db-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw IoError("cannot create a staging folder in '" + fs::temp_directory_path().string() +
                      "': " + std::generic_category().message(errno) + "; set TMPDIR to a writable folder");
    }
    return pattern;
}

bool parses_as(const char* text, bool integer) {
    char* end = nullptr;
    errno = 0;
    if (integer) {
        static_cast<void>(std::strtoll(text, &end, 10));
    } else {
        static_cast<void>(std::strtod(text, &end));
    }
    return errno == 0 && end != text && *end == '\0';
}

/**
 * Column types of a CSV layer read as text: Integer64 when every non-empty value is an integer,
 * Real when every one is a number, otherwise String; the area id is always String.
 */
std::vector<OGRFieldType> detect_types(OGRLayer& layer) {
    const OGRFeatureDefn& defn = *layer.GetLayerDefn();
    std::vector<OGRFieldType> types(static_cast<std::size_t>(defn.GetFieldCount()), OFTInteger64);
    for (int i = 0; i < defn.GetFieldCount(); ++i) {
        if (EQUAL(defn.GetFieldDefn(i)->GetNameRef(), k_id_column)) {
            types[static_cast<std::size_t>(i)] = OFTString;
        }
    }
    layer.ResetReading();
    for (const auto& feature : layer) {
        for (int i = 0; i < defn.GetFieldCount(); ++i) {
            OGRFieldType& type = types[static_cast<std::size_t>(i)];
            if (type == OFTString || !feature->IsFieldSetAndNotNull(i)) {
                continue;
            }
            const char* text = feature->GetFieldAsString(i);
            if (*text == '\0') {
                continue;
            }
            if (type == OFTInteger64 && !parses_as(text, true)) {
                type = OFTReal;
            }
            if (type == OFTReal && !parses_as(text, false)) {
                type = OFTString;
            }
        }
    }
    layer.ResetReading();
    return types;
}

bool is_csv(const std::string& file) {
    return file.size() > 4 && EQUAL(file.c_str() + file.size() - 4, ".csv");
}

/** Copies the single layer of `path` into a new table `name` of `database`. */
void copy_file(GDALDataset& database, const std::string& path, const std::string& name, bool overwrite,
               const std::string& where) {
    GDALDatasetUniquePtr source(
        GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR));
    if (!source || source->GetLayerCount() < 1) {
        throw_database(where, "cannot read the staged output '" + fs::path(path).filename().string() + "'");
    }
    OGRLayer& in = *source->GetLayer(0);
    const bool has_geometry = in.GetGeomType() != wkbNone;
    std::vector<OGRFieldType> types;
    const OGRFeatureDefn& in_defn = *in.GetLayerDefn();
    if (is_csv(path)) {
        types = detect_types(in);
    } else {
        for (int i = 0; i < in_defn.GetFieldCount(); ++i) {
            types.push_back(in_defn.GetFieldDefn(i)->GetType());
        }
    }
    CPLStringList options;
    options.SetNameValue("OVERWRITE", overwrite ? "YES" : "NO");
    options.SetNameValue("FID", "fid");
    options.SetNameValue("PRECISION", "NO");
    if (has_geometry) {
        options.SetNameValue("GEOMETRY_NAME", "geom");
        options.SetNameValue("SPATIAL_INDEX", "GIST");
    }
    // Localities are polygons or multipolygons; one declared type lets QGIS and PostGIS's
    // geometry_columns know the layer's kind.
    OGRLayer* out = database.CreateLayer(name.c_str(), has_geometry ? in.GetSpatialRef() : nullptr,
                                         has_geometry ? wkbMultiPolygon : wkbNone, options.List());
    if (out == nullptr) {
        throw_database(where, "cannot create table '" + name + "'");
    }
    for (int i = 0; i < in_defn.GetFieldCount(); ++i) {
        OGRFieldDefn field(in_defn.GetFieldDefn(i)->GetNameRef(), types[static_cast<std::size_t>(i)]);
        if (out->CreateField(&field) != OGRERR_NONE) {
            throw_database(
                where, "cannot create column '" + std::string(field.GetNameRef()) + "' of '" + name + "'");
        }
    }
    for (const auto& feature : in) {
        const OGRFeatureUniquePtr row(OGRFeature::CreateFeature(out->GetLayerDefn()));
        for (int i = 0; i < in_defn.GetFieldCount(); ++i) {
            if (feature->IsFieldSetAndNotNull(i) && *feature->GetFieldAsString(i) != '\0') {
                row->SetField(i, feature->GetFieldAsString(i));  // OGR converts the text to the column's type
            } else {
                row->SetFieldNull(i);
            }
        }
        if (has_geometry && feature->GetGeometryRef() != nullptr) {
            row->SetGeometryDirectly(OGRGeometryFactory::forceToMultiPolygon(feature->StealGeometry()));
        }
        if (out->CreateFeature(row.get()) != OGRERR_NONE) {
            throw_database(where,
                           "cannot write row " + std::to_string(feature->GetFID()) + " of '" + name + "'");
        }
    }
}

/** A one-row table `name` with one jsonb column `column` holding `json`. */
void write_json_table(GDALDataset& database, const std::string& json, const std::string& name,
                      const std::string& column, bool overwrite, const std::string& where) {
    CPLStringList options;
    options.SetNameValue("OVERWRITE", overwrite ? "YES" : "NO");
    options.SetNameValue("FID", "fid");
    OGRLayer* out = database.CreateLayer(name.c_str(), nullptr, wkbNone, options.List());
    if (out == nullptr) {
        throw_database(where, "cannot create table '" + name + "'");
    }
    OGRFieldDefn field(column.c_str(), OFTString);
    field.SetSubType(OFSTJSON);
    if (out->CreateField(&field) != OGRERR_NONE) {
        throw_database(where, "cannot create column '" + column + "' of '" + name + "'");
    }
    const OGRFeatureUniquePtr row(OGRFeature::CreateFeature(out->GetLayerDefn()));
    row->SetField(0, json.c_str());
    if (out->CreateFeature(row.get()) != OGRERR_NONE) {
        throw_database(where, "cannot write the row of '" + name + "'");
    }
    // jsonb, so the figures can be queried (summary -> 'cases' -> 'total') and indexed.
    const std::string sql =
        "ALTER TABLE " + name + " ALTER COLUMN " + column + " TYPE jsonb USING " + column + "::text::jsonb";
    const io::detail::ResultSet result(database, sql);  // no rows to read, released on return
    if (CPLGetLastErrorType() >= CE_Failure) {
        throw_database(where, "cannot make the column of '" + name + "' jsonb");
    }
}

bool has_suffix(const std::string& file, const char* suffix) {
    const std::size_t n = std::strlen(suffix);
    return file.size() > n && file.compare(file.size() - n, n, suffix) == 0;
}

void execute(GDALDataset& database, const std::string& sql, const std::string& where,
             const std::string& what) {
    CPLErrorReset();
    const io::detail::ResultSet result(database, sql);  // no rows to read, released on return
    if (CPLGetLastErrorType() >= CE_Failure) {
        throw_database(where, what);
    }
}

std::string read_file(const std::string& path, const std::string& where) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) {
        throw IoError(where + ": cannot read the staged output '" + fs::path(path).filename().string() + "'");
    }
    return text.str();
}

std::string quote_text(const std::string& text) {
    std::string out = "'";
    for (const char c : text) {
        out += c == '\'' ? std::string("''") : std::string(1, c);
    }
    return out + "'";
}

/**
 * QGIS reads the default style of a PostGIS layer from the table `layer_styles` (its layout, made
 * here when missing), so the table opens styled, as localities.geojson does with its .qml beside it.
 * The row of an earlier run for the same table is replaced. `type` stays null: QGIS matches it
 * against its own name of the geometry type, and null matches any.
 */
void write_style(GDALDataset& database, const std::string& qml, const std::string& table,
                 const std::string& where) {
    execute(database,
            "CREATE TABLE IF NOT EXISTS layer_styles (id serial PRIMARY KEY, f_table_catalog varchar, "
            "f_table_schema varchar, f_table_name varchar, f_geometry_column varchar, stylename text, "
            "styleqml xml, stylesld xml, useasdefault boolean, description text, owner varchar(63) DEFAULT "
            "CURRENT_USER, ui xml, update_time timestamp DEFAULT CURRENT_TIMESTAMP, type varchar)",
            where, "cannot create the QGIS style table layer_styles");
    const auto dot = table.find('.');
    const std::string schema =
        dot == std::string::npos ? "current_schema()" : quote_text(table.substr(0, dot));
    const std::string name = quote_text(dot == std::string::npos ? table : table.substr(dot + 1));
    const std::string match = "f_table_catalog = current_database() AND f_table_schema = " + schema +
                              " AND f_table_name = " + name + " AND f_geometry_column = 'geom'";
    execute(database, "DELETE FROM layer_styles WHERE " + match, where,
            "cannot replace the style of '" + table + "'");
    execute(database,
            "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, "
            "stylename, styleqml, useasdefault, description) VALUES (current_database(), " +
                schema + ", " + name + ", 'geom', " + name + ", XMLPARSE(DOCUMENT " + quote_text(qml) +
                "), true, 'locality')",
            where, "cannot write the style of '" + table + "'");
}

}  // namespace

DatabaseOutput::DatabaseOutput(std::string connection, std::string prefix, std::vector<TableFile> tables,
                               bool overwrite)
    : m_connection(std::move(connection)),
      m_prefix(std::move(prefix)),
      m_tables(std::move(tables)),
      m_overwrite(overwrite) {
    check_prefix(m_prefix);
    const io::detail::GdalErrorScope errors;  // failures become exceptions below, warnings go to the log
    CPLErrorReset();
    GDALDatasetUniquePtr database = open_database(m_connection, label());
    // Every refusal happens before anything is created, so a refused run leaves no trace.
    if (!m_overwrite) {
        for (const std::string& name : table_names()) {
            if (table_exists(*database, name, label())) {
                throw IoError("table '" + name + "' exists in '" + label() +
                              "'; use --overwrite to replace it");
            }
        }
    }
    m_staging = make_staging_directory();
}

DatabaseOutput::~DatabaseOutput() {
    std::error_code ec;
    fs::remove_all(m_staging, ec);  // nothing to do about a failure here; the folder is private
}

std::vector<std::string> DatabaseOutput::table_names() const {
    std::vector<std::string> names;
    for (const TableFile& table : m_tables) {
        if (!has_suffix(table.file, ".qml")) {  // a style row, not a table
            names.push_back(m_prefix + table.table);
        }
    }
    return names;
}

std::string DatabaseOutput::label() const { return io::redact_credentials(m_connection); }

void DatabaseOutput::publish(const std::string& summary_json) {
    const io::detail::GdalErrorScope errors;  // failures become exceptions below, warnings go to the log
    CPLErrorReset();
    GDALDatasetUniquePtr database = open_database(m_connection, label());
    const std::string where = "cannot write to '" + label() + "'";
    if (database->StartTransaction(FALSE) != OGRERR_NONE) {
        throw_database(where, "cannot start a transaction");
    }
    try {
        for (const TableFile& table : m_tables) {
            const std::string name = m_prefix + table.table;
            const std::string path = (fs::path(m_staging) / table.file).string();
            if (has_suffix(table.file, ".json")) {
                write_json_table(*database, summary_json, name, table.table, m_overwrite, where);
            } else if (has_suffix(table.file, ".qml")) {
                write_style(*database, read_file(path, where), name, where);
            } else {
                copy_file(*database, path, name, m_overwrite, where);
            }
        }
        if (database->CommitTransaction() != OGRERR_NONE) {
            throw_database(where, "the transaction failed; no table was changed");
        }
    } catch (...) {
        database->RollbackTransaction();
        throw;
    }
}

}  // namespace locality::output
