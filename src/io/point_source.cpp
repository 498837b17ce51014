// SPDX-License-Identifier: MIT
#include "locality/io/point_source.hpp"

#include <cpl_conv.h>
#include <fast_float/fast_float.h>
#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <thread>
#include <tuple>
#include <utility>

#include "gdal_util.hpp"
#include "locality/core/error.hpp"
#include "locality/io/csv_reader.hpp"

namespace locality::io {

std::int32_t AgencyRegistry::index_of(const std::string& name) {
    const auto it = std::find(m_names.begin(), m_names.end(), name);
    if (it != m_names.end()) {
        return static_cast<std::int32_t>(it - m_names.begin());
    }
    m_names.push_back(name);
    return static_cast<std::int32_t>(m_names.size() - 1);
}

namespace {

constexpr const char* k_unspecified = "unspecified";
// Longer text is no coordinate (fast_float would still read it; the decimal-comma copy needs a bound).
constexpr std::size_t k_max_coordinate_text = 64;

constexpr const char* k_csv_to_utf8 =
    "convert the file to UTF-8 (e.g. iconv -f LATIN1 -t UTF-8 in.csv > out.csv)";

/** Text that reaches the outputs (agency names, column names) must be UTF-8: JSON and GeoJSON are. */
void require_utf8(std::string_view text, const std::string& prefix, const std::string& where,
                  const char* remedy = k_csv_to_utf8) {
    if (!detail::is_utf8(text)) {
        throw InputError(prefix + ": " + where + " is not UTF-8 text; " + remedy);
    }
}

/** What to do about text that is not UTF-8 in a layer GDAL read. */
const char* layer_to_utf8(const std::string& driver) {
    return driver == "ESRI Shapefile" ? detail::k_shapefile_to_utf8
                                      : "convert it to UTF-8 (e.g. ogr2ogr -lco ENCODING=UTF-8)";
}

/** Agency text → registry index, without building a std::string per row (few distinct agencies). */
class AgencyLookup {
public:
    /** `row_word` ("row", "feature") and `remedy` are for the error on a name that is not UTF-8. */
    AgencyLookup(AgencyRegistry& registry, std::string prefix, const char* row_word = "row",
                 const char* remedy = k_csv_to_utf8)
        : m_registry(registry), m_prefix(std::move(prefix)), m_row_word(row_word), m_remedy(remedy) {}

    /** `row` numbers the row (CSV) or feature (GDAL: its feature id) in the error on a name that is not
     * UTF-8. */
    std::int32_t operator()(std::string_view name, std::int64_t row) {
        // "NYPD" with a no-break space copied from a spreadsheet is NYPD, not a second agency.
        name = detail::trim_unicode(name);
        if (name.empty()) {
            name = k_unspecified;
        }
        if (m_last >= 0 && m_known[static_cast<std::size_t>(m_last)].first == name) {
            return m_known[static_cast<std::size_t>(m_last)].second;
        }
        for (std::size_t i = 0; i < m_known.size(); ++i) {
            if (m_known[i].first == name) {
                m_last = static_cast<int>(i);
                return m_known[i].second;
            }
        }
        require_utf8(name, m_prefix, "the agency of " + std::string(m_row_word) + " " + std::to_string(row),
                     m_remedy);
        m_known.emplace_back(std::string(name), m_registry.index_of(std::string(name)));
        m_last = static_cast<int>(m_known.size() - 1);
        return m_known.back().second;
    }

private:
    AgencyRegistry& m_registry;
    std::string m_prefix;
    const char* m_row_word;
    const char* m_remedy;
    std::vector<std::pair<std::string, std::int32_t>> m_known;
    int m_last = -1;
};

// Points per PROJ call when a batch is transformed on several threads: large enough that the
// per-call overhead (error scope, success array) vanishes, small enough to share a batch.
constexpr std::size_t k_transform_chunk = 8192;

/**
 * Transforms batches on TBB's threads, a chunk per task. A Transformer keeps per-call state and
 * its PROJ objects belong to the thread that made them, so each thread makes its own from the
 * same two CRSs, the first time it gets a chunk. PROJ transforms each point on its own, so the
 * results do not depend on which thread transformed which chunk, nor on the thread count.
 */
class ParallelTransformer {
public:
    ParallelTransformer(const Crs& from, const Crs& to, std::string what)
        : m_from(from), m_to(to), m_what(std::move(what)), m_check(from, to, m_what) {}

    void transform(std::size_t n, double* x, double* y, bool* ok) const {
        if (m_check.is_identity() || n <= k_transform_chunk) {
            local().transform(n, x, y, ok);
            return;
        }
        tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, k_transform_chunk),
                          [&](const tbb::blocked_range<std::size_t>& r) {
                              local().transform(r.size(), x + r.begin(), y + r.begin(), ok + r.begin());
                          });
    }

private:
    const Transformer& local() const {
        if (std::this_thread::get_id() == m_owner) {
            return m_check;
        }
        std::unique_ptr<Transformer>& mine = m_locals.local();
        if (!mine) {
            mine = std::make_unique<Transformer>(m_from, m_to, m_what);
        }
        return *mine;
    }

    Crs m_from;
    Crs m_to;
    std::string m_what;
    Transformer m_check;  // made up front so that a missing transformation fails before any reading
    std::thread::id m_owner = std::this_thread::get_id();  // the thread m_check belongs to
    mutable tbb::enumerable_thread_specific<std::unique_ptr<Transformer>> m_locals;
};

/** Collects raw points, transforms them a batch at a time and counts every row per agency. */
class BatchSink {
public:
    BatchSink(const ParallelTransformer& transformer, std::size_t batch_size,
              const std::function<void(const PointBatch&)>& consume, PointReadStats& stats)
        : m_transformer(transformer),
          m_batch_size(std::max<std::size_t>(batch_size, 1)),
          m_consume(consume),
          m_stats(stats) {
        m_raw.x.reserve(m_batch_size);
        m_raw.y.reserve(m_batch_size);
        m_raw.agency.reserve(m_batch_size);
        m_ok = std::make_unique<bool[]>(m_batch_size);
    }

    /** Returns true when a batch was handed on (a good moment to report progress). */
    bool add(double x, double y, std::int32_t agency) {
        count(m_stats.read, agency);
        m_raw.x.push_back(x);
        m_raw.y.push_back(y);
        m_raw.agency.push_back(agency);
        if (m_raw.size() >= m_batch_size) {
            flush();
            return true;
        }
        return false;
    }

    void add_unlocated(std::int32_t agency) {
        count(m_stats.read, agency);
        count(m_stats.unlocated, agency);
    }

    void flush() {
        const std::size_t n = m_raw.size();
        if (n == 0) {
            return;
        }
        m_transformer.transform(n, m_raw.x.data(), m_raw.y.data(), m_ok.get());
        m_out.clear();
        for (std::size_t i = 0; i < n; ++i) {
            if (m_ok[i]) {
                m_out.x.push_back(m_raw.x[i]);
                m_out.y.push_back(m_raw.y[i]);
                m_out.agency.push_back(m_raw.agency[i]);
            } else {
                count(m_stats.unlocated, m_raw.agency[i]);
            }
        }
        m_raw.clear();
        if (m_out.size() > 0 && m_consume) {
            m_consume(m_out);
        }
    }

private:
    static void count(std::vector<std::int64_t>& counts, std::int32_t agency) {
        const auto index = static_cast<std::size_t>(agency);
        if (index >= counts.size()) {
            counts.resize(index + 1, 0);
        }
        ++counts[index];
    }

    const ParallelTransformer& m_transformer;
    std::size_t m_batch_size;
    const std::function<void(const PointBatch&)>& m_consume;
    PointReadStats& m_stats;
    PointBatch m_raw;
    PointBatch m_out;
    // Not std::vector<bool>: the transformer needs a plain bool array. Batches never exceed m_batch_size.
    std::unique_ptr<bool[]> m_ok;
};

bool has_csv_extension(const std::string& path) {
    const auto dot = path.find_last_of('.');
    if (dot == std::string::npos || path.find_first_of("/\\", dot) != std::string::npos) {
        return false;
    }
    const std::string ext = path.substr(dot + 1);
    return detail::iequals(ext, "csv") || detail::iequals(ext, "tsv") || detail::iequals(ext, "txt");
}

std::string join(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names) {
        out += (out.empty() ? "" : ", ") + name;
    }
    return out;
}

int column_exact(const std::vector<std::string>& header, const std::string& name) {
    const auto it = std::find(header.begin(), header.end(), name);
    return it == header.end() ? -1 : static_cast<int>(it - header.begin());
}

int column_any_case(const std::vector<std::string>& header, std::string_view name) {
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (detail::iequals(header[i], name)) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

int require_column(const std::vector<std::string>& header, const std::string& name, const std::string& prefix,
                   const char* what) {
    const int index = column_exact(header, name);
    if (index < 0) {
        const int near = column_any_case(header, name);
        throw InputError(prefix + ": no " + what + " column '" + name + "' " +
                         (near >= 0 ? "(did you mean '" + header[static_cast<std::size_t>(near)] + "'?)"
                                    : "(columns: " + join(header) + ")"));
    }
    return index;
}

/** The coordinate columns found by their names (longitude/latitude, x/y, ...), if any. */
std::optional<std::pair<int, int>> named_coordinate_columns(const std::vector<std::string>& header) {
    static constexpr std::pair<const char*, const char*> k_pairs[] = {
        {"longitude", "latitude"}, {"lon", "lat"}, {"lng", "lat"},
        {"long", "lat"},           {"x", "y"},     {"easting", "northing"}};
    for (const auto& [x_name, y_name] : k_pairs) {
        const int x = column_any_case(header, x_name);
        const int y = column_any_case(header, y_name);
        if (x >= 0 && y >= 0) {
            return std::make_pair(x, y);
        }
    }
    return std::nullopt;
}

/**
 * The geometry column of a CSV that has no coordinate columns but points as text, as QGIS
 * (GEOMETRY=AS_WKT), PostGIS (ST_AsText) or geopandas (to_csv) write them: "WKT", "geometry"...
 * Empty when the file has coordinate columns, is given them, or has no such column.
 */
std::string csv_geometry_column(const PointSourceOptions& options) {
    if (!options.x_field.empty() || !options.y_field.empty()) {
        return "";
    }
    CsvReader reader(options.source.path);
    std::vector<std::string_view> fields;
    if (!reader.next(fields)) {
        return "";
    }
    std::vector<std::string> header;
    for (const auto field : fields) {
        header.emplace_back(detail::trim(field));
    }
    if (named_coordinate_columns(header)) {
        return "";
    }
    for (const char* name : {"wkt", "geometry", "geom", "the_geom", "wkb_geometry", "shape"}) {
        if (const int column = column_any_case(header, name); column >= 0) {
            return header[static_cast<std::size_t>(column)];
        }
    }
    return "";
}

std::pair<int, int> coordinate_columns(const std::vector<std::string>& header,
                                       const PointSourceOptions& options, const std::string& prefix) {
    if (!options.x_field.empty() || !options.y_field.empty()) {
        if (options.x_field.empty() || options.y_field.empty()) {
            throw UsageError("give both --x-field and --y-field for " + prefix);
        }
        return {require_column(header, options.x_field, prefix, "x"),
                require_column(header, options.y_field, prefix, "y")};
    }
    if (const auto found = named_coordinate_columns(header)) {
        return *found;
    }
    throw InputError(prefix + ": cannot find coordinate columns (columns: " + join(header) +
                     "); name them with --x-field and --y-field");
}

bool all_blank(const std::vector<std::string_view>& fields) {
    return std::all_of(fields.begin(), fields.end(),
                       [](std::string_view field) { return detail::trim(field).empty(); });
}

PointReadStats read_csv(const PointSourceOptions& options, const ParallelTransformer& transformer,
                        AgencyRegistry& agencies, const std::function<void(const PointBatch&)>& consume,
                        const ProgressSink& progress) {
    const std::string prefix = "cases '" + options.source.label() + "'";
    PointReadStats stats;
    stats.driver = "CSV (locality)";
    CsvReader reader(options.source.path);
    std::vector<std::string_view> fields;
    if (!reader.next(fields)) {
        throw InputError(prefix + ": the file is empty; a CSV needs a header line");
    }
    std::vector<std::string> header;
    for (const auto field : fields) {
        header.emplace_back(detail::trim(field));
        require_utf8(header.back(), prefix, "the header (row 1)");
    }
    const auto [x_col, y_col] = coordinate_columns(header, options, prefix);
    stats.x_field = header[static_cast<std::size_t>(x_col)];
    stats.y_field = header[static_cast<std::size_t>(y_col)];
    const int agency_col =
        options.agency.empty() ? require_column(header, options.agency_field, prefix, "agency") : -1;
    const std::int32_t fixed_agency = options.agency.empty() ? -1 : agencies.index_of(options.agency);
    const auto needed = static_cast<std::size_t>(std::max(x_col, y_col));
    const auto agency_index = static_cast<std::size_t>(std::max(agency_col, 0));
    // With ';' or tab between fields, a comma inside a number can only be a decimal comma.
    const bool decimal_comma = reader.delimiter() != ',';

    AgencyLookup lookup(agencies, prefix);
    BatchSink sink(transformer, options.batch_size, consume, stats);
    const ScaledProgress scaled(progress, 0.0, 1.0);
    const double total = static_cast<double>(std::max<std::uint64_t>(reader.total_bytes(), 1));
    stats.header_fields = header.size();
    std::int64_t row = 1;
    while (reader.next(fields)) {
        ++row;
        if (reader.unterminated_quote()) {
            throw InputError(prefix + ": row " + std::to_string(row) +
                             " opens a quote (\") that is never closed; close it or remove it");
        }
        // A row of empty fields (",,,," that spreadsheets leave below the data) is no case: counted
        // as one it would be an unlocated case of a phantom agency "unspecified".
        if (all_blank(fields)) {
            if (stats.empty_rows++ == 0) {
                stats.first_empty_row = row;
            }
            continue;
        }
        std::int32_t agency = fixed_agency;
        if (agency < 0) {
            agency = lookup(agency_index < fields.size() ? fields[agency_index] : std::string_view(), row);
        }
        // A row with more or fewer fields than the header may have its columns shifted (an unquoted
        // delimiter in a text field): its coordinates are not trusted.
        const bool ragged = fields.size() != header.size();
        if (ragged && stats.ragged_rows++ == 0) {
            stats.first_ragged_row = row;
        }
        double x = 0.0;
        double y = 0.0;
        if (ragged || fields.size() <= needed ||
            !parse_coordinate(fields[static_cast<std::size_t>(x_col)], x, decimal_comma) ||
            !parse_coordinate(fields[static_cast<std::size_t>(y_col)], y, decimal_comma)) {
            sink.add_unlocated(agency);
        } else {
            if (stats.probe_x.size() < k_probe_points) {
                stats.probe_x.push_back(x);
                stats.probe_y.push_back(y);
            }
            if (sink.add(x, y, agency)) {
                scaled.report(static_cast<double>(reader.bytes_consumed()) / total, "reading points");
            }
        }
    }
    sink.flush();
    scaled.report(1.0, "reading points");
    return stats;
}

/** The single point of a Point or one-point MultiPoint; InputError for other geometry types. */
bool point_of(const OGRGeometry& g, double& x, double& y, const std::string& prefix, GIntBig fid) {
    const auto type = wkbFlatten(g.getGeometryType());
    if (type == wkbPoint) {
        x = g.toPoint()->getX();
        y = g.toPoint()->getY();
        return true;
    }
    if (type == wkbMultiPoint && g.toMultiPoint()->getNumGeometries() == 1) {
        return point_of(*g.toMultiPoint()->getGeometryRef(0), x, y, prefix, fid);
    }
    throw InputError(prefix + ": feature " + std::to_string(fid) + " is a " +
                     OGRGeometryTypeToName(g.getGeometryType()) + ", not a point; give a layer of points");
}

/**
 * The point of a row of a table without geometry (a spreadsheet, a .dbf, a database table), from its
 * coordinate columns: numbers as they are, text parsed like a CSV field. False when either is missing.
 */
bool table_point(OGRFeature& feature, int x_field, int y_field, double& x, double& y) {
    const auto read = [&feature](int field, double& value) {
        if (!feature.IsFieldSetAndNotNull(field)) {
            return false;
        }
        const OGRFieldType type = feature.GetFieldDefnRef(field)->GetType();
        if (type == OFTInteger || type == OFTInteger64 || type == OFTReal) {
            value = feature.GetFieldAsDouble(field);
            return std::isfinite(value);
        }
        return parse_coordinate(feature.GetFieldAsString(field), value, false);
    };
    return read(x_field, x) && read(y_field, y);
}

std::vector<std::string> csv_open_options(const PointSourceOptions& options,
                                          const std::string& geometry_column) {
    if (!geometry_column.empty()) {
        return {"GEOM_POSSIBLE_NAMES=" + geometry_column, "KEEP_GEOM_COLUMNS=NO"};
    }
    if (!has_csv_extension(options.source.path)) {
        return {};
    }
    // GDAL's CSV driver only makes point geometries when told which columns hold them.
    const std::string x = options.x_field.empty() ? "longitude,lon,lng,long,x,easting" : options.x_field;
    const std::string y = options.y_field.empty() ? "latitude,lat,y,northing" : options.y_field;
    return {"X_POSSIBLE_NAMES=" + x, "Y_POSSIBLE_NAMES=" + y};
}

PointReadStats read_gdal(const PointSourceOptions& options, const Crs& working, AgencyRegistry& agencies,
                         const std::function<void(const PointBatch&)>& consume, const ProgressSink& progress,
                         const std::string& geometry_column = "") {
    const std::string prefix = "cases '" + options.source.label() + "'";
    detail::GdalErrorScope errors;
    // GDAL takes a sheet's first row as its header only when some cell below it is a number, so a
    // sheet whose coordinates were typed as text would lose its column names (Field1, Field2...).
    const CPLConfigOptionSetter xlsx_headers("OGR_XLSX_HEADERS", "FORCE", true);
    const CPLConfigOptionSetter ods_headers("OGR_ODS_HEADERS", "FORCE", true);
    auto dataset =
        detail::open_vector(options.source, "cases", errors, csv_open_options(options, geometry_column));
    OGRLayer& layer = detail::select_layer(*dataset, options.source, "cases");
    PointReadStats stats;
    stats.driver = dataset->GetDriver() != nullptr ? dataset->GetDriver()->GetDescription() : "";
    const OGRFeatureDefn& defn = *layer.GetLayerDefn();
    int agency_field = -1;
    if (options.agency.empty()) {
        agency_field = detail::find_field_exact(defn, options.agency_field);
        if (agency_field < 0) {
            throw InputError(prefix + ": no agency field '" + options.agency_field + "' " +
                             detail::suggest_name(options.agency_field, detail::field_names(defn)));
        }
    }
    const std::int32_t fixed_agency = options.agency.empty() ? -1 : agencies.index_of(options.agency);
    // A CRS given for the source wins over the layer's own: the analyst knows what the numbers are.
    const Crs declared = Crs::from_ogr(layer.GetSpatialRef());
    const Crs layer_crs =
        !options.crs.empty()
            ? Crs::from_user_input(options.crs, prefix)
            : (declared.is_defined() ? declared : Crs::from_user_input(k_default_cases_crs, prefix));
    if (!options.crs.empty() && declared.is_defined() && !declared.same_as(layer_crs)) {
        stats.overridden_crs = declared.name();
    }
    const ParallelTransformer transformer(layer_crs, working, prefix);
    stats.crs = layer_crs;
    // A table without geometry (an Excel or LibreOffice sheet, a .dbf) is read by its coordinate
    // columns, found as in a CSV; read as a layer, every row had no point and the run blamed the CRS.
    const bool table = defn.GetGeomFieldCount() == 0;
    int x_field = -1;
    int y_field = -1;
    if (table) {
        std::tie(x_field, y_field) = coordinate_columns(detail::field_names(defn), options, prefix);
        stats.x_field = defn.GetFieldDefn(x_field)->GetNameRef();
        stats.y_field = defn.GetFieldDefn(y_field)->GetNameRef();
    }

    AgencyLookup lookup(agencies, prefix, "feature", layer_to_utf8(stats.driver));
    BatchSink sink(transformer, options.batch_size, consume, stats);
    const ScaledProgress scaled(progress, 0.0, 1.0);
    const GIntBig total = layer.GetFeatureCount(FALSE);
    GIntBig seen = 0;
    layer.ResetReading();
    for (auto& feature : layer) {
        ++seen;
        const std::int32_t agency = fixed_agency >= 0 ? fixed_agency
                                                      : lookup(feature->IsFieldSetAndNotNull(agency_field)
                                                                   ? feature->GetFieldAsString(agency_field)
                                                                   : "",
                                                               feature->GetFID());
        double x = 0.0;
        double y = 0.0;
        bool located = false;
        if (table) {
            located = table_point(*feature, x_field, y_field, x, y);
        } else {
            const OGRGeometry* g = feature->GetGeometryRef();
            located = g != nullptr && !g->IsEmpty() && point_of(*g, x, y, prefix, feature->GetFID());
        }
        if (!located) {
            sink.add_unlocated(agency);
        } else if (sink.add(x, y, agency) && total > 0) {
            scaled.report(static_cast<double>(seen) / static_cast<double>(total), "reading points");
        }
    }
    sink.flush();
    scaled.report(1.0, "reading points");
    return stats;
}

}  // namespace

bool parse_coordinate(std::string_view text, double& value, bool decimal_comma) {
    text = detail::trim(text);
    if (!text.empty() && text.front() == '+') {
        text.remove_prefix(1);
    }
    if (text.empty() || text.size() > k_max_coordinate_text) {
        return false;
    }
    // A decimal comma ("40,7128", from ';'- or tab-separated European exports) becomes a point; only
    // one comma and no point, so "1,234.5" (a thousands separator) is still refused.
    char copy[k_max_coordinate_text];
    const auto comma = text.find(',');
    if (decimal_comma && comma != std::string_view::npos &&
        text.find(',', comma + 1) == std::string_view::npos && text.find('.') == std::string_view::npos) {
        std::copy(text.begin(), text.end(), copy);
        copy[comma] = '.';
        text = std::string_view(copy, text.size());
    }
    const char* last = text.data() + text.size();
    const auto result = fast_float::from_chars(text.data(), last, value);
    return result.ec == std::errc() && result.ptr == last && std::isfinite(value);
}

PointReadStats read_points(const PointSourceOptions& options, const Crs& working, AgencyRegistry& agencies,
                           const std::function<void(const PointBatch&)>& consume,
                           const ProgressSink& progress) {
    if (options.agency.empty() && options.agency_field.empty()) {
        throw UsageError("cases '" + options.source.label() + "': give AGENCY=SOURCE or --agency-field");
    }
    PointReadStats stats;
    const bool fast_csv = options.source.layer.empty() && has_csv_extension(options.source.path) &&
                          options.source.path.rfind("/vsi", 0) != 0;
    // A CSV of points as WKT text is read by GDAL's CSV driver, which parses geometries.
    const std::string geometry_column = fast_csv ? csv_geometry_column(options) : "";
    if (!geometry_column.empty()) {
        stats = read_gdal(options, working, agencies, consume, progress, geometry_column);
        stats.x_field = stats.y_field = geometry_column;
    } else if (fast_csv) {
        const Crs csv_crs = Crs::from_user_input(options.crs.empty() ? k_default_cases_crs : options.crs,
                                                 "cases '" + options.source.label() + "'");
        const ParallelTransformer transformer(csv_crs, working, "cases '" + options.source.label() + "'");
        stats = read_csv(options, transformer, agencies, consume, progress);
        stats.crs = csv_crs;
    } else {
        stats = read_gdal(options, working, agencies, consume, progress);
    }
    stats.read.resize(agencies.size(), 0);
    stats.unlocated.resize(agencies.size(), 0);
    return stats;
}

}  // namespace locality::io
