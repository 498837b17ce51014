// SPDX-License-Identifier: MIT
#include "locality/output/database_output.hpp"

#include <cpl_error.h>
#include <cpl_string.h>
#include <gdal_priv.h>
#include <ogr_geometry.h>
#include <ogrsf_frmts.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <regex>
#include <system_error>

#include "locality/core/error.hpp"
#include "locality/io/connection.hpp"

namespace locality::output {

namespace {

namespace fs = std::filesystem;

// The CSV column that must stay text even when every value looks like a number (GEOIDs keep
// their leading zeros).
constexpr const char* k_id_column = "area_id";

void ensure_gdal_registered() {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

// The one place where a GDAL failure while writing to the database becomes an exception.
[[noreturn]] void throw_database(const std::string& where, const std::string& what) {
    std::string text = io::redact_credentials(where) + ": " + what;
    const char* msg = CPLGetLastErrorMsg();
    if (msg != nullptr && *msg != '\0') {
        text += " (" + io::redact_credentials(msg) + ")";
    }
    throw IoError(text, CPLGetLastErrorNo());
}

GDALDatasetUniquePtr open_database(const std::string& connection, const std::string& label) {
    ensure_gdal_registered();
    const char* const drivers[] = {"PostgreSQL", nullptr};
    GDALDatasetUniquePtr dataset(GDALDataset::Open(
        connection.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE | GDAL_OF_VERBOSE_ERROR, drivers, nullptr, nullptr));
    if (!dataset) {
        throw_database("cannot open the output database '" + label + "'",
                       "check the connection string and the libpq settings (PGHOST, PGUSER, PGSERVICE, ~/.pgpass)");
    }
    return dataset;
}

// to_regclass() is null for a missing table and never raises, whatever the search path.
bool table_exists(GDALDataset& dataset, const std::string& name, const std::string& label) {
    const std::string sql = "SELECT to_regclass('" + name + "') IS NOT NULL AS present";
    OGRLayer* result = dataset.ExecuteSQL(sql.c_str(), nullptr, nullptr);
    if (result == nullptr) {
        throw_database("cannot query the output database '" + label + "'", "cannot look up table '" + name + "'");
    }
    const OGRFeatureUniquePtr row(result->GetNextFeature());
    const bool present = row && row->GetFieldAsInteger(0) != 0;
    dataset.ReleaseResultSet(result);
    return present;
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
            throw_database(where, "cannot create column '" + std::string(field.GetNameRef()) + "' of '" + name + "'");
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
            throw_database(where, "cannot write row " + std::to_string(feature->GetFID()) + " of '" + name + "'");
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
    const std::string sql = "ALTER TABLE " + name + " ALTER COLUMN " + column + " TYPE jsonb USING " + column +
                            "::text::jsonb";
    OGRLayer* result = database.ExecuteSQL(sql.c_str(), nullptr, nullptr);
    if (result != nullptr) {
        database.ReleaseResultSet(result);
    }
    if (CPLGetLastErrorType() >= CE_Failure) {
        throw_database(where, "cannot make the column of '" + name + "' jsonb");
    }
}

}  // namespace

DatabaseOutput::DatabaseOutput(std::string connection, std::string prefix, std::vector<TableFile> tables,
                               bool overwrite)
    : m_connection(std::move(connection)), m_prefix(std::move(prefix)), m_tables(std::move(tables)),
      m_overwrite(overwrite) {
    check_prefix(m_prefix);
    const CPLErrorHandlerPusher quiet(CPLQuietErrorHandler);
    CPLErrorReset();
    GDALDatasetUniquePtr database = open_database(m_connection, label());
    // Every refusal happens before anything is created, so a refused run leaves no trace.
    if (!m_overwrite) {
        for (const std::string& name : table_names()) {
            if (table_exists(*database, name, label())) {
                throw IoError("table '" + name + "' exists in '" + label() + "'; use --overwrite to replace it");
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
        names.push_back(m_prefix + table.table);
    }
    return names;
}

std::string DatabaseOutput::label() const { return io::redact_credentials(m_connection); }

void DatabaseOutput::publish(const std::string& summary_json) {
    const CPLErrorHandlerPusher quiet(CPLQuietErrorHandler);
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
            if (table.file.size() > 5 && table.file.compare(table.file.size() - 5, 5, ".json") == 0) {
                write_json_table(*database, summary_json, name, table.table, m_overwrite, where);
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
