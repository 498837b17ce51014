// SPDX-License-Identifier: MIT
#include "gdal_util.hpp"

#include <cpl_string.h>
#include <cpl_vsi.h>

#include <algorithm>
#include <cctype>
#include <iterator>

#include "locality/core/closest_name.hpp"
#include "locality/core/error.hpp"
#include "locality/io/connection.hpp"

namespace locality::io::detail {

namespace {

// GDAL usually says "path: reason"; the path is already in our message.
std::string strip_path_prefix(const std::string& message, const std::string& path) {
    const std::string prefix = path + ": ";
    if (message.compare(0, prefix.size(), prefix) == 0) {
        return message.substr(prefix.size());
    }
    return message;
}

// Layer names listed in a message; a database may hold hundreds of tables.
constexpr std::size_t k_listed_layers = 10;

/**
 * The one layer of a source given without |layername=. A GeoPackage, a folder of shapefiles, a KML
 * with folders or a database may hold several layers with geometry, and taking the first one silently
 * would count into the wrong boundaries (tracts of another year, say) with exit 0. Layers without
 * geometry (the layer_styles table QGIS adds to a GeoPackage) do not count when one layer has some.
 */
OGRLayer& only_layer(GDALDataset& dataset, const SourceSpec& source, const std::string& role) {
    std::vector<OGRLayer*> spatial;
    for (OGRLayer* layer : dataset.GetLayers()) {
        if (layer->GetGeomType() != wkbNone) {
            spatial.push_back(layer);
        }
    }
    if (spatial.size() == 1) {
        return *spatial.front();
    }
    if (spatial.empty() && dataset.GetLayerCount() == 1) {
        return *dataset.GetLayer(0);  // a table without geometry (an assignment, counts)
    }
    std::vector<OGRLayer*> listed = spatial;
    if (listed.empty()) {
        for (OGRLayer* layer : dataset.GetLayers()) {
            listed.push_back(layer);
        }
    }
    std::string list;
    for (std::size_t i = 0; i < listed.size() && i < k_listed_layers; ++i) {
        list += (list.empty() ? "" : ", ") + std::string(listed[i]->GetName());
    }
    if (listed.size() > k_listed_layers) {
        list += ", ...";
    }
    const std::string path = redact_credentials(source.path);
    throw InputError(role + " '" + path + "' holds " + std::to_string(listed.size()) + " layers (" + list +
                     "): name the one to read, e.g. '" + path + "|layername=" + listed.front()->GetName() +
                     "'");
}

/** A local path ending in .zip (not already a /vsi path, nor a .shp.zip GDAL opens itself). */
bool is_plain_zip(const std::string& path) {
    return path.size() > 4 && iequals(std::string_view(path).substr(path.size() - 4), ".zip") &&
           path.rfind("/vsi", 0) != 0 && path.find('|') == std::string::npos;
}

/** `/vsizip/a.zip/<first data file inside>`, or `/vsizip/a.zip/FILE` when none is recognised. */
std::string zip_member_hint(const std::string& inside) {
    static constexpr std::string_view k_data_extensions[] = {".shp", ".gpkg", ".geojson", ".json", ".fgb",
                                                             ".csv", ".kml",  ".gml",     ".tab",  ".xlsx"};
    std::string hint = inside + "/FILE";
    char** entries = VSIReadDirRecursive(inside.c_str());
    for (int i = 0; entries != nullptr && entries[i] != nullptr; ++i) {
        const std::string_view entry(entries[i]);
        const bool data = std::any_of(
            std::begin(k_data_extensions), std::end(k_data_extensions), [&entry](std::string_view ext) {
                return entry.size() > ext.size() && iequals(entry.substr(entry.size() - ext.size()), ext);
            });
        if (data) {
            hint = inside + "/" + std::string(entry);
            break;
        }
    }
    CSLDestroy(entries);
    return hint;
}

}  // namespace

GDALDatasetUniquePtr open_vector(const SourceSpec& source, const std::string& role, GdalErrorScope& errors,
                                 const std::vector<std::string>& open_options) {
    ensure_gdal_registered();
    std::vector<const char*> options;
    for (const auto& option : open_options) {
        options.push_back(option.c_str());
    }
    options.push_back(nullptr);
    errors.reset();
    GDALDatasetUniquePtr dataset(GDALDataset::Open(source.path.c_str(),
                                                   GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR,
                                                   nullptr, options.data(), nullptr));
    if (!dataset && is_plain_zip(source.path)) {
        // A zipped shapefile as sent by e-mail: read inside the archive, as QGIS does.
        const std::string inside = "/vsizip/" + source.path;
        errors.reset();
        dataset.reset(GDALDataset::Open(inside.c_str(),
                                        GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR, nullptr,
                                        options.data(), nullptr));
        if (!dataset) {
            throw IoError("cannot open " + role + " '" + source.label() +
                              "': a zip archive GDAL cannot read as one " +
                              "data source; name the file inside it, e.g. '" + zip_member_hint(inside) + "'",
                          errors.last_number());
        }
    }
    if (!dataset) {
        std::string reason = redact_credentials(strip_path_prefix(errors.last_message(), source.path));
        if (reason.empty()) {
            reason = "not a vector data source GDAL can read";
        }
        throw IoError("cannot open " + role + " '" + source.label() + "': " + reason, errors.last_number());
    }
    return dataset;
}

OGRLayer& select_layer(GDALDataset& dataset, const SourceSpec& source, const std::string& role) {
    if (dataset.GetLayerCount() == 0) {
        throw InputError(role + " '" + source.label() + "': the source holds no layer");
    }
    if (source.layer.empty()) {
        return only_layer(dataset, source, role);
    }
    std::vector<std::string> names;
    for (OGRLayer* layer : dataset.GetLayers()) {
        if (source.layer == layer->GetName()) {
            return *layer;
        }
        names.emplace_back(layer->GetName());
    }
    std::string list;
    for (const auto& name : names) {
        list += (list.empty() ? "" : ", ") + name;
    }
    const std::string near = closest_name(source.layer, names);
    throw InputError(role + " '" + redact_credentials(source.path) + "': no layer '" + source.layer + "' (" +
                     (near.empty() ? "" : "did you mean '" + near + "'?; ") + "layers: " + list + ")");
}

int find_field_exact(const OGRFeatureDefn& defn, std::string_view name) {
    for (int i = 0; i < defn.GetFieldCount(); ++i) {
        if (name == defn.GetFieldDefn(i)->GetNameRef()) {
            return i;
        }
    }
    return -1;
}

std::vector<std::string> field_names(const OGRFeatureDefn& defn) {
    std::vector<std::string> names;
    for (int i = 0; i < defn.GetFieldCount(); ++i) {
        names.emplace_back(defn.GetFieldDefn(i)->GetNameRef());
    }
    return names;
}

std::string suggest_name(std::string_view wanted, const std::vector<std::string>& names) {
    for (const auto& name : names) {
        if (iequals(name, wanted)) {
            return "(did you mean '" + name + "'?)";
        }
    }
    std::string list;
    for (const auto& name : names) {
        list += (list.empty() ? "" : ", ") + name;
    }
    return "(fields: " + list + ")";
}

/** Well-formed UTF-8 (no overlong forms, surrogates or code points above U+10FFFF). */
bool is_utf8(std::string_view text) noexcept {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        std::size_t length = 0;
        unsigned char low = 0x80;
        unsigned char high = 0xBF;
        if (c < 0x80) {
            ++i;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            length = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            length = 2;
            low = c == 0xE0 ? 0xA0 : 0x80;
            high = c == 0xED ? 0x9F : 0xBF;
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 3;
            low = c == 0xF0 ? 0x90 : 0x80;
            high = c == 0xF4 ? 0x8F : 0xBF;
        } else {
            return false;
        }
        if (i + length >= text.size()) {
            return false;  // cut short
        }
        for (std::size_t k = 1; k <= length; ++k) {
            const auto b = static_cast<unsigned char>(text[i + k]);
            if (b < (k == 1 ? low : 0x80) || b > (k == 1 ? high : 0xBF)) {
                return false;
            }
        }
        i += length + 1;
    }
    return true;
}

bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i]))) {
            return false;
        }
    }
    return true;
}

std::string_view trim(std::string_view text) noexcept {
    const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!text.empty() && is_space(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && is_space(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

namespace {

/** Length of the invisible space `text` starts with (0 if none); `at_end` looks at its end instead. */
std::size_t unicode_space_length(std::string_view text, bool at_end) noexcept {
    static constexpr std::string_view k_spaces[] = {
        "\xC2\xA0",     "\xE2\x80\xAF", "\xE2\x80\x80", "\xE2\x80\x81", "\xE2\x80\x82", "\xE2\x80\x83",
        "\xE2\x80\x84", "\xE2\x80\x85", "\xE2\x80\x86", "\xE2\x80\x87", "\xE2\x80\x88", "\xE2\x80\x89",
        "\xE2\x80\x8A", "\xE2\x80\x8B", "\xE3\x80\x80", "\xEF\xBB\xBF"};
    for (const std::string_view space : k_spaces) {
        if (text.size() >= space.size() &&
            text.substr(at_end ? text.size() - space.size() : 0, space.size()) == space) {
            return space.size();
        }
    }
    return 0;
}

}  // namespace

std::string_view trim_unicode(std::string_view text) noexcept {
    for (;;) {
        text = trim(text);
        if (const std::size_t n = unicode_space_length(text, false); n > 0) {
            text.remove_prefix(n);
        } else if (const std::size_t m = unicode_space_length(text, true); m > 0) {
            text.remove_suffix(m);
        } else {
            return text;
        }
    }
}

}  // namespace locality::io::detail
