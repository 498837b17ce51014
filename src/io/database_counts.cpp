// SPDX-License-Identifier: MIT
#include "locality/io/database_counts.hpp"

#include <fmt/format.h>

#include "gdal_util.hpp"
#include "locality/core/error.hpp"
#include "locality/io/connection.hpp"

namespace locality::io {

namespace {

// "schema.table" (GDAL's name for a layer outside the search path) → "schema"."table".
std::string quote_identifier(const std::string& name) {
    std::string out = "\"";
    for (const char c : name) {
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return out + "\"";
}

std::string quote_table(const std::string& layer_name) {
    const auto dot = layer_name.find('.');
    if (dot == std::string::npos) {
        return quote_identifier(layer_name);
    }
    return quote_identifier(layer_name.substr(0, dot)) + "." + quote_identifier(layer_name.substr(dot + 1));
}

std::string quote_literal(const std::string& text) {
    std::string out = "'";
    for (const char c : text) {
        out += c == '\'' ? std::string("''") : std::string(1, c);
    }
    return out + "'";
}

/** A PostGIS layer as SQL needs it. */
struct TableRef {
    std::string table;     ///< quoted
    std::string geometry;  ///< quoted geometry column
    std::string fid;       ///< quoted primary key; empty when the layer has none
    std::vector<std::string> fields;
};

TableRef describe(GDALDataset& dataset, const SourceSpec& source, const std::string& role) {
    OGRLayer& layer = detail::select_layer(dataset, source, role);
    TableRef ref;
    ref.table = quote_table(layer.GetName());
    const std::string geometry = layer.GetGeometryColumn();
    if (geometry.empty()) {
        throw InputError(role + " '" + source.label() + "': no geometry column");
    }
    ref.geometry = quote_identifier(geometry);
    const std::string fid = layer.GetFIDColumn();
    ref.fid = fid.empty() ? std::string() : quote_identifier(fid);
    ref.fields = detail::field_names(*layer.GetLayerDefn());
    return ref;
}

std::string field_or_throw(const TableRef& ref, const std::string& name, const SourceSpec& source,
                           const std::string& role, const std::string& what) {
    for (const std::string& field : ref.fields) {
        if (field == name) {
            return quote_identifier(field);
        }
    }
    throw InputError(role + " '" + source.label() + "': no " + what + " field '" + name + "' " +
                     detail::suggest_name(name, ref.fields));
}

// Runs `sql` and hands every result row to `row`; the statement text never holds a password.
template <typename RowFn>
void run_query(GDALDataset& dataset, const std::string& sql, const std::string& where,
               detail::GdalErrorScope& errors, RowFn&& row) {
    errors.reset();
    OGRLayer* result = dataset.ExecuteSQL(sql.c_str(), nullptr, nullptr);
    if (result == nullptr) {
        throw IoError(where + ": the counting query failed (" + redact_credentials(errors.last_message()) + ")",
                      errors.last_number());
    }
    for (const auto& feature : *result) {
        row(*feature);
    }
    dataset.ReleaseResultSet(result);
    if (!errors.last_message().empty() && errors.last_number() != 0) {
        throw IoError(where + ": the counting query failed (" + redact_credentials(errors.last_message()) + ")",
                      errors.last_number());
    }
}

}  // namespace

bool same_database(const SourceSpec& a, const SourceSpec& b) {
    return is_postgres_connection(a.path) && a.path == b.path;
}

std::vector<DatabaseCountRow> count_cases_in_database(const DatabaseCountRequest& request) {
    const std::string where = "cases '" + request.cases.label() + "' counted in the database";
    detail::GdalErrorScope errors;
    auto dataset = detail::open_vector(request.areas, "areas", errors);
    const TableRef areas = describe(*dataset, request.areas, "areas");
    const TableRef cases = describe(*dataset, request.cases, "cases");
    if (areas.fid.empty()) {
        throw InputError("areas '" + request.areas.label() +
                         "': --overlay-in-database needs a table with a primary key (ties go to the lowest); "
                         "count in process instead (leave the option out)");
    }
    const std::string area_id = field_or_throw(areas, request.area_id_field, request.areas, "areas", "id");
    std::string agency = quote_literal(request.agency);
    if (request.agency.empty()) {
        const std::string field = field_or_throw(cases, request.agency_field, request.cases, "cases", "agency");
        agency = fmt::format("COALESCE(NULLIF(btrim(c.{}::text, E' \\t\\r\\n'), ''), 'unspecified')", field);
    }
    int srid = 0;
    run_query(*dataset, fmt::format("SELECT ST_SRID({0}) AS srid FROM {1} WHERE {0} IS NOT NULL LIMIT 1",
                                    areas.geometry, areas.table),
              where, errors, [&](OGRFeature& row) { srid = row.GetFieldAsInteger(0); });
    // `fid + 0` keeps the planner from answering min() by walking the primary key in order (one
    // covers test per area and point); the GiST index on the areas finds the candidates instead.
    const std::string sql = fmt::format(
        "WITH located AS ("
        " SELECT {agency} AS agency, (c.{cg} IS NULL OR ST_IsEmpty(c.{cg})) AS unlocated,"
        "  CASE WHEN c.{cg} IS NULL OR ST_IsEmpty(c.{cg}) THEN NULL ELSE"
        "   (SELECT min(a.{fid} + 0) FROM {areas} a WHERE ST_Covers(a.{ag}, ST_Transform(c.{cg}, {srid}))) END"
        "  AS area"
        " FROM {cases} c)"
        " SELECT l.agency, a.{id}::text AS area_id, l.unlocated, count(*) AS n"
        " FROM located l LEFT JOIN {areas} a ON a.{fid} = l.area"
        " GROUP BY 1, 2, 3",
        fmt::arg("agency", agency), fmt::arg("cg", cases.geometry), fmt::arg("fid", areas.fid),
        fmt::arg("areas", areas.table), fmt::arg("ag", areas.geometry), fmt::arg("srid", srid),
        fmt::arg("cases", cases.table), fmt::arg("id", area_id));
    std::vector<DatabaseCountRow> rows;
    run_query(*dataset, sql, where, errors, [&](OGRFeature& row) {
        DatabaseCountRow out;
        out.agency = row.GetFieldAsString(0);
        out.area_id = row.IsFieldSetAndNotNull(1) ? row.GetFieldAsString(1) : "";
        out.unlocated = row.GetFieldAsInteger(2) != 0;
        out.count = row.GetFieldAsInteger64(3);
        rows.push_back(std::move(out));
    });
    return rows;
}

}  // namespace locality::io
