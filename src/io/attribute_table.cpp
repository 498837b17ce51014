// SPDX-License-Identifier: MIT
#include "locality/io/attribute_table.hpp"

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

bool has_fields(const SourceSpec& source, const std::vector<std::string>& fields, const std::string& role) {
    detail::GdalErrorScope errors;
    auto dataset = detail::open_vector(source, role, errors);
    const OGRFeatureDefn& defn = *detail::select_layer(*dataset, source, role).GetLayerDefn();
    for (const std::string& name : fields) {
        if (detail::find_field_exact(defn, name) < 0) {
            return false;
        }
    }
    return true;
}

}  // namespace locality::io
