// SPDX-License-Identifier: MIT
#include "locality/io/attribute_table.hpp"

#include <algorithm>

#include "gdal_util.hpp"
#include "locality/core/error.hpp"

namespace locality::io {

TextColumns read_text_columns(const SourceSpec& source, const std::vector<std::string>& fields,
                              const std::string& role) {
    detail::GdalErrorScope errors;
    auto dataset = detail::open_vector(source, role, errors);
    OGRLayer& layer = detail::select_layer(*dataset, source, role);
    const OGRFeatureDefn& defn = *layer.GetLayerDefn();
    TextColumns out;
    out.label = source.label();
    std::vector<int> index;
    for (const std::string& name : fields) {
        const int i = detail::find_field_exact(defn, name);
        if (i < 0) {
            throw InputError(role + " '" + out.label + "': no field '" + name + "' " +
                             detail::suggest_name(name, detail::field_names(defn)));
        }
        index.push_back(i);
    }
    layer.ResetReading();
    for (auto& feature : layer) {
        std::vector<std::string> row;
        for (const int i : index) {
            row.emplace_back(feature->IsFieldSetAndNotNull(i)
                                 ? std::string(detail::trim(feature->GetFieldAsString(i)))
                                 : std::string());
        }
        out.rows.push_back(std::move(row));
        out.fids.push_back(feature->GetFID());
    }
    return out;
}

namespace {

/** `inspect(layer)` on the layer of `source`, opened read-only. */
template <typename Inspect>
bool inspect_layer(const SourceSpec& source, const std::string& role, const Inspect& inspect) {
    detail::GdalErrorScope errors;
    auto dataset = detail::open_vector(source, role, errors);
    return inspect(detail::select_layer(*dataset, source, role));
}

}  // namespace

bool has_fields(const SourceSpec& source, const std::vector<std::string>& fields, const std::string& role) {
    return inspect_layer(source, role, [&](OGRLayer& layer) {
        const OGRFeatureDefn& defn = *layer.GetLayerDefn();
        return std::all_of(fields.begin(), fields.end(), [&](const std::string& name) {
            return detail::find_field_exact(defn, name) >= 0;
        });
    });
}

bool has_geometry(const SourceSpec& source, const std::string& role) {
    return inspect_layer(source, role, [](OGRLayer& layer) { return layer.GetGeomType() != wkbNone; });
}

}  // namespace locality::io
