// SPDX-License-Identifier: MIT
#include "locality/io/polygon_layer.hpp"

#include <fast_float/fast_float.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <optional>
#include <type_traits>
#include <unordered_set>

#include "gdal_util.hpp"
#include "locality/core/error.hpp"

namespace locality::io {

namespace {

using detail::iequals;

// Collects the polygons of `g` (recursing into collections) into `out`.
void collect_polygons(const OGRGeometry& g, OGRMultiPolygon& out) {
    switch (wkbFlatten(g.getGeometryType())) {
        case wkbPolygon:
            out.addGeometry(&g);
            break;
        case wkbMultiPolygon:
        case wkbGeometryCollection:
            for (const OGRGeometry* part : *g.toGeometryCollection()) {
                collect_polygons(*part, out);
            }
            break;
        default:
            break;  // points and lines carry no area
    }
}

/** 2D Polygon/MultiPolygon from any geometry, or null when it has no polygonal part. */
OGRGeometryUniquePtr to_polygonal(const OGRGeometry& input) {
    OGRGeometryUniquePtr g(input.hasCurveGeometry(TRUE) ? input.getLinearGeometry() : input.clone());
    if (!g || g->IsEmpty()) {
        return nullptr;
    }
    g->flattenTo2D();
    const auto type = wkbFlatten(g->getGeometryType());
    if (type == wkbPolygon || type == wkbMultiPolygon) {
        return g;
    }
    auto multi = std::make_unique<OGRMultiPolygon>();
    collect_polygons(*g, *multi);
    if (multi->IsEmpty()) {
        return nullptr;
    }
    if (multi->getNumGeometries() == 1) {
        return OGRGeometryUniquePtr(multi->getGeometryRef(0)->clone());
    }
    return OGRGeometryUniquePtr(multi.release());
}

/**
 * A real id as its shortest text that reads back to the same number: 101.02 stays "101.02" (with
 * %.17g it became "101.01999999999999", which no assignment or counts file written by hand matches).
 */
std::string format_real_id(double v) {
    char text[64];
    if (std::isfinite(v) && v == std::floor(v) && std::abs(v) < 1e15) {
        std::snprintf(text, sizeof text, "%.0f", v);
        return text;
    }
    for (int digits = 1; digits <= 17; ++digits) {
        std::snprintf(text, sizeof text, "%.*g", digits, v);
        if (std::strtod(text, nullptr) == v) {
            break;
        }
    }
    return text;
}

/** The id of a feature as text; integers never get decimals. Empty optional when null. */
std::optional<std::string> id_text(OGRFeature& feature, int field) {
    if (!feature.IsFieldSetAndNotNull(field)) {
        return std::nullopt;
    }
    switch (feature.GetFieldDefnRef(field)->GetType()) {
        case OFTInteger:
        case OFTInteger64:
            return std::to_string(feature.GetFieldAsInteger64(field));
        case OFTReal:
            return format_real_id(feature.GetFieldAsDouble(field));
        default:
            return std::string(feature.GetFieldAsString(field));
    }
}

bool is_id_type(OGRFieldType type) {
    return type == OFTInteger || type == OFTInteger64 || type == OFTString || type == OFTReal;
}

bool is_id_name(std::string_view name) {
    return name.size() >= 2 && iequals(name.substr(name.size() - 2), "id");
}

/** A value as read: null, a number, or text that is not a number. */
struct RawValue {
    bool null = true;
    double number = 0.0;
    std::string bad_text;
};

RawValue read_value(OGRFeature& feature, int field) {
    RawValue value;
    if (!feature.IsFieldSetAndNotNull(field)) {
        return value;
    }
    const auto type = feature.GetFieldDefnRef(field)->GetType();
    if (type == OFTInteger || type == OFTInteger64 || type == OFTReal) {
        value.null = false;
        value.number = feature.GetFieldAsDouble(field);
        // A real field can hold NaN or infinity (GeoJSON, FlatGeobuf): refused like the same text.
        if (!std::isfinite(value.number)) {
            value.bad_text = feature.GetFieldAsString(field);
        }
        return value;
    }
    // Text (CSV, some shapefiles): parse it strictly, the whole trimmed string must be a number.
    const std::string_view text = detail::trim(feature.GetFieldAsString(field));
    if (text.empty()) {
        return value;
    }
    value.null = false;
    const char* first = text.data();
    const char* last = text.data() + text.size();
    if (*first == '+') {
        ++first;
    }
    const auto result = fast_float::from_chars(first, last, value.number);
    if (result.ec != std::errc() || result.ptr != last || !std::isfinite(value.number)) {
        value.bad_text = std::string(text);
    }
    return value;
}

/** Everything one pass over the layer collects, before the id field is settled. */
struct Collected {
    std::vector<GIntBig> fids;
    std::vector<std::vector<std::optional<std::string>>> candidate_ids;  // [candidate][feature]
    std::vector<geom::Wkb> geometries;                                   // empty = skipped feature
    std::vector<RawValue> values;
    std::vector<std::vector<RawValue>> extra_values;  // [extra field][feature]
    Box extent;
};

struct Context {
    const PolygonLayerOptions& options;
    std::string label;
    std::string prefix;  // "areas 'x.gpkg'" for messages
};

/**
 * A database table has no order of its own: PostgreSQL returns rows in whatever order its heap holds
 * them (ogr2ogr's own load is not in key order), so features are put in FID (primary key) order, the
 * order the file formats have. Area indices decide boundary ties and seed the localities, so the
 * same table must always give the same order.
 */
void order_by_fid(Collected& data) {
    if (std::is_sorted(data.fids.begin(), data.fids.end())) {
        return;
    }
    std::vector<std::size_t> order(data.fids.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&data](std::size_t a, std::size_t b) { return data.fids[a] < data.fids[b]; });
    auto permute = [&order](auto& v) {
        std::remove_reference_t<decltype(v)> sorted;
        sorted.reserve(v.size());
        for (const std::size_t i : order) {
            sorted.push_back(std::move(v[i]));
        }
        v = std::move(sorted);
    };
    permute(data.fids);
    for (auto& ids : data.candidate_ids) {
        permute(ids);
    }
    permute(data.geometries);
    permute(data.values);
    for (auto& values : data.extra_values) {
        permute(values);
    }
}

int require_field(const OGRFeatureDefn& defn, const std::string& name, const Context& context,
                  const char* what) {
    const int index = detail::find_field_exact(defn, name);
    if (index < 0 && defn.GetFieldCount() == 0) {
        // A shapefile whose .dbf is missing opens without a single field.
        throw InputError(context.prefix + ": no " + what + " field '" + name +
                         "': the layer has no fields at all (a shapefile without its .dbf?)");
    }
    if (index < 0) {
        throw InputError(context.prefix + ": no " + what + " field '" + name + "' " +
                         detail::suggest_name(name, detail::field_names(defn)));
    }
    return index;
}

Collected collect(OGRLayer& layer, const std::vector<int>& candidates, int value_field,
                  const std::vector<int>& extra_fields, const ProgressSink& progress) {
    Collected out;
    out.candidate_ids.resize(candidates.size());
    out.extra_values.resize(extra_fields.size());
    const GIntBig total = layer.GetFeatureCount(FALSE);
    const ScaledProgress scaled(progress, 0.0, 1.0);
    layer.ResetReading();
    for (auto& feature : layer) {
        out.fids.push_back(feature->GetFID());
        for (std::size_t c = 0; c < candidates.size(); ++c) {
            out.candidate_ids[c].push_back(id_text(*feature, candidates[c]));
        }
        geom::Wkb wkb;
        if (const OGRGeometry* g = feature->GetGeometryRef(); g != nullptr && !g->IsEmpty()) {
            if (auto polygonal = to_polygonal(*g)) {
                wkb.resize(polygonal->WkbSize());
                polygonal->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
                OGREnvelope envelope;
                polygonal->getEnvelope(&envelope);
                out.extent.expand(Box{envelope.MinX, envelope.MinY, envelope.MaxX, envelope.MaxY});
            }
        }
        out.geometries.push_back(std::move(wkb));
        out.values.push_back(value_field >= 0 ? read_value(*feature, value_field) : RawValue{});
        for (std::size_t e = 0; e < extra_fields.size(); ++e) {
            out.extra_values[e].push_back(extra_fields[e] >= 0 ? read_value(*feature, extra_fields[e])
                                                               : RawValue{});
        }
        if (total > 0 && out.fids.size() % 256 == 0) {
            scaled.report(static_cast<double>(out.fids.size()) / static_cast<double>(total), "reading areas");
        }
    }
    scaled.report(1.0, "reading areas");
    return out;
}

/** Index of the first candidate whose values are all present and distinct, or -1. */
int first_unique_candidate(const Collected& data) {
    for (std::size_t c = 0; c < data.candidate_ids.size(); ++c) {
        std::unordered_set<std::string> seen;
        bool unique = true;
        for (const auto& id : data.candidate_ids[c]) {
            if (!id || !seen.insert(*id).second) {
                unique = false;
                break;
            }
        }
        if (unique) {
            return static_cast<int>(c);
        }
    }
    return -1;
}

void check_ids(const std::vector<std::optional<std::string>>& ids, const std::vector<GIntBig>& fids,
               const Context& context, const std::string& field) {
    std::unordered_set<std::string> seen;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (!ids[i]) {
            throw InputError(context.prefix + ": feature " + std::to_string(fids[i]) +
                             " has no value in id field '" + field +
                             "'; fill it in or choose another id field (--area-id)");
        }
        if (!seen.insert(*ids[i]).second) {
            throw InputError(
                context.prefix + ": id '" + *ids[i] + "' of field '" + field +
                "' occurs more than once; ids must be unique: choose another id field (--area-id), "
                "or number the features by their feature id with --area-id FID");
        }
    }
}

/**
 * Rows with the same id are one polygon (a service area, a container, a locality), so a null id would
 * join every polygon without one into a single polygon named "": refused, as a null area id is.
 */
void check_no_null_ids(const std::vector<std::optional<std::string>>& ids, const std::vector<GIntBig>& fids,
                       const std::vector<bool>& kept, const Context& context, const std::string& field) {
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (!ids[i] && kept[i]) {
            throw InputError(context.prefix + ": feature " + std::to_string(fids[i]) +
                             " has no value in id field '" + field +
                             "', and the polygons without one would be read as one; fill it in, or "
                             "choose another id field");
        }
    }
}

/**
 * Fields that may hold the ids: the one asked for; else every "...id" field, then every text field
 * (a service-area layer often names its areas in a field such as "zone" or "name").
 */
std::vector<int> id_candidates(OGRLayer& layer, const Context& context, bool& use_fid) {
    const OGRFeatureDefn& defn = *layer.GetLayerDefn();
    const std::string& wanted = context.options.id_field;
    std::vector<int> candidates;
    use_fid = false;
    if (!wanted.empty()) {
        const int index = detail::find_field_exact(defn, wanted);
        const char* fid_column = layer.GetFIDColumn();
        if (index >= 0) {
            candidates.push_back(index);
        } else if (wanted == "FID" || (fid_column != nullptr && wanted == fid_column)) {
            use_fid = true;
        } else {
            require_field(defn, wanted, context, "id");
        }
        return candidates;
    }
    for (int i = 0; i < defn.GetFieldCount(); ++i) {
        const OGRFieldDefn* field = defn.GetFieldDefn(i);
        if (is_id_name(field->GetNameRef()) && is_id_type(field->GetType())) {
            candidates.push_back(i);
        }
    }
    for (int i = 0; i < defn.GetFieldCount(); ++i) {
        const OGRFieldDefn* field = defn.GetFieldDefn(i);
        if (!is_id_name(field->GetNameRef()) && field->GetType() == OFTString) {
            candidates.push_back(i);
        }
    }
    return candidates;
}

/** Feature i's id as the outputs write it; `chosen` indexes the id candidates, -1 = feature ids. */
std::string feature_id(const Collected& data, int chosen, std::size_t i) {
    return chosen >= 0 ? data.candidate_ids[static_cast<std::size_t>(chosen)][i].value_or(std::string())
                       : std::to_string(data.fids[i]);
}

/**
 * Extra field values of the kept features, NaN where null; refuses text that is not a number, naming
 * the area by its id (`chosen` as for feature_id), as every later message does.
 */
void assemble_extra(const Collected& data, int chosen, const std::vector<std::string>& names,
                    const std::vector<int>& extra_fields, const std::vector<bool>& kept,
                    const Context& context, PolygonLayer& result) {
    result.extra_values.assign(names.size(), {});
    for (std::size_t e = 0; e < names.size(); ++e) {
        if (extra_fields[e] < 0) {
            continue;
        }
        for (std::size_t i = 0; i < data.fids.size(); ++i) {
            const RawValue& value = data.extra_values[e][i];
            if (!value.bad_text.empty()) {
                throw InputError(context.prefix + ": field '" + names[e] + "' of area '" +
                                 feature_id(data, chosen, i) + "' holds '" + value.bad_text +
                                 "', which is not a number; fix the value or choose another field");
            }
            if (kept[i]) {
                result.extra_values[e].push_back(value.null ? std::nan("") : value.number);
            }
        }
    }
}

/**
 * Ids and names reach every output (CSV, GeoJSON, JSON: all UTF-8). A shapefile's .dbf read without
 * its .cpg comes through GDAL as raw bytes, so Latin-1 names would be written as invalid UTF-8.
 */
void require_utf8(const std::string& text, GIntBig fid, const char* what, const std::string& field,
                  const Context& context) {
    if (!detail::is_utf8(text)) {
        throw InputError(context.prefix + ": the " + what + " of feature " + std::to_string(fid) +
                         " (field '" + field + "') is not UTF-8 text; " + detail::k_shapefile_to_utf8);
    }
}

/** Moves the kept features into `result`; `chosen` indexes the id candidates, -1 = feature ids. */
void assemble(Collected& data, int chosen, bool with_values, const Context& context, PolygonLayer& result) {
    for (std::size_t i = 0; i < data.fids.size(); ++i) {
        std::string id = feature_id(data, chosen, i);
        if (chosen >= 0) {
            require_utf8(id, data.fids[i], "id", result.id_field, context);
        }
        const RawValue& value = data.values[i];
        if (!value.bad_text.empty()) {
            throw InputError(context.prefix + ": field '" + context.options.value_field + "' of feature '" +
                             id + "' holds '" + value.bad_text +
                             "', which is not a number; fix the value or choose another field");
        }
        if (data.geometries[i].empty()) {
            result.empty_geometry_ids.push_back(std::move(id));
            continue;
        }
        if (with_values && !value.null && value.number < 0.0) {
            // The value is a population: a negative one would let a locality meet its floor with
            // fewer residents than the floor (or fail the floor check with a total nobody has).
            throw InputError(context.prefix + ": field '" + context.options.value_field + "' of feature '" +
                             id + "' is " + format_real_id(value.number) +
                             ", a negative population; fix the value (a null counts as 0)");
        }
        if (with_values) {
            result.values.push_back(value.null ? 0.0 : value.number);
            if (value.null) {
                result.null_value_ids.push_back(id);
            }
        }
        result.ids.push_back(std::move(id));
        result.geometries.push_back(std::move(data.geometries[i]));
    }
    result.extent = data.extent;
}

}  // namespace

PolygonLayer read_polygon_layer(const PolygonLayerOptions& options, const ProgressSink& progress) {
    return read_polygon_layer(options, {}, progress);
}

PolygonLayer read_polygon_layer(const PolygonLayerOptions& options,
                                const std::vector<std::string>& extra_names, const ProgressSink& progress) {
    detail::GdalErrorScope errors;
    const Context context{options, options.source.label(),
                          options.role + " '" + options.source.label() + "'"};
    auto dataset = detail::open_vector(options.source, options.role, errors);
    OGRLayer& layer = detail::select_layer(*dataset, options.source, options.role);
    const OGRFeatureDefn& defn = *layer.GetLayerDefn();

    PolygonLayer result;
    result.label = context.label;
    result.driver = dataset->GetDriver() != nullptr ? dataset->GetDriver()->GetDescription() : "";
    result.crs = Crs::from_ogr(layer.GetSpatialRef());

    bool use_fid = false;
    std::vector<int> candidates = id_candidates(layer, context, use_fid);
    // The name field is read as one more candidate, after the ids; it is never chosen as the id:
    // a name is asked for only with an id field given (or FID).
    const int name_candidate = options.name_field.empty() ? -1 : static_cast<int>(candidates.size());
    if (name_candidate >= 0) {
        candidates.push_back(require_field(defn, options.name_field, context, "name"));
    }
    const int value_field =
        options.value_field.empty() ? -1 : require_field(defn, options.value_field, context, "value");

    std::vector<int> extra_fields;
    for (const std::string& name : extra_names) {
        extra_fields.push_back(detail::find_field_exact(defn, name));
    }
    result.field_names = detail::field_names(defn);
    for (int i = 0; i < defn.GetFieldCount(); ++i) {
        const OGRFieldType type = defn.GetFieldDefn(i)->GetType();
        if (type == OFTInteger || type == OFTInteger64 || type == OFTReal) {
            result.numeric_field_names.emplace_back(defn.GetFieldDefn(i)->GetNameRef());
        }
    }

    Collected data = collect(layer, candidates, value_field, extra_fields, progress);
    if (result.driver == "PostgreSQL") {
        order_by_fid(data);
    }
    std::vector<bool> kept;
    for (const geom::Wkb& wkb : data.geometries) {
        kept.push_back(!wkb.empty());
    }

    int chosen = -1;
    if (!options.id_field.empty() && !use_fid) {
        chosen = 0;
        if (options.unique_ids) {
            check_ids(data.candidate_ids[0], data.fids, context, options.id_field);
        } else {
            check_no_null_ids(data.candidate_ids[0], data.fids, kept, context, options.id_field);
        }
    } else if (!use_fid) {
        chosen = first_unique_candidate(data);
    }
    if (chosen >= 0) {
        result.id_field = defn.GetFieldDefn(candidates[static_cast<std::size_t>(chosen)])->GetNameRef();
    } else {
        result.id_field = use_fid ? options.id_field : "FID";
    }
    assemble(data, chosen, value_field >= 0, context, result);
    if (name_candidate >= 0) {
        for (std::size_t i = 0; i < data.fids.size(); ++i) {
            if (kept[i]) {
                result.names.push_back(
                    data.candidate_ids[static_cast<std::size_t>(name_candidate)][i].value_or(""));
                require_utf8(result.names.back(), data.fids[i], "name", options.name_field, context);
            }
        }
    }
    assemble_extra(data, chosen, extra_names, extra_fields, kept, context, result);
    if (result.geometries.empty()) {
        throw InputError(context.prefix + ": layer '" + layer.GetName() +
                         "' has no polygon features; choose a polygon layer with |layername=NAME");
    }
    return result;
}

namespace {

Box wkb_extent(const geom::Wkb& wkb) {
    OGRGeometry* raw = nullptr;
    Box box;
    if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &raw, wkb.size()) == OGRERR_NONE &&
        raw != nullptr) {
        OGRGeometryUniquePtr g(raw);
        OGREnvelope envelope;
        g->getEnvelope(&envelope);
        box = Box{envelope.MinX, envelope.MinY, envelope.MaxX, envelope.MaxY};
    }
    return box;
}

}  // namespace

void reproject(PolygonLayer& layer, const Crs& to) {
    const Transformer transformer(layer.crs, to, layer.label);
    if (!transformer.is_identity()) {
        Box extent;
        for (std::size_t i = 0; i < layer.geometries.size(); ++i) {
            const std::string what =
                layer.label + " feature '" + (i < layer.ids.size() ? layer.ids[i] : "") + "'";
            layer.geometries[i] = transformer.transform(layer.geometries[i], what);
            extent.expand(wkb_extent(layer.geometries[i]));
        }
        layer.extent = extent;
    }
    layer.crs = to;
}

}  // namespace locality::io
