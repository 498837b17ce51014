// SPDX-License-Identifier: MIT
#include "publish.hpp"

#include <tbb/task_group.h>

#include <algorithm>
#include <utility>

#include "kept_localities.hpp"
#include "locality/output/styles.hpp"
#include "locality/output/write_gpkg.hpp"
#include "locality/output/write_layers.hpp"
#include "report_stage.hpp"

namespace locality::pipeline {

namespace {

bool has_field(const output::Table& table, const char* name) {
    return std::any_of(table.fields.begin(), table.fields.end(),
                       [&](const output::Field& field) { return field.name == name; });
}

// Class labels of need_quintile, lowest need first (see styles/README.md).
std::vector<std::string> need_class_labels() {
    return {"1 (lowest fifth of need)", "2", "3", "4", "5 (highest fifth of need)"};
}

}  // namespace

bool wants_format(const FormatOptions& options, OutputFormat format) {
    return std::find(options.formats.begin(), options.formats.end(), format) != options.formats.end();
}

std::string localities_qml(const LayerSet& layers, const output::Table* written) {
    output::LocalitiesStyleOptions options;
    for (const auto& row : layers.localities.rows) {
        options.localities.push_back(static_cast<int>(std::get<std::int64_t>(row.front())));
    }
    options.colours = layers.colours;
    const output::Table& fields = written != nullptr ? *written : layers.localities;
    options.has_population = has_field(fields, "population");
    options.has_cases = has_field(fields, "cases_total");
    return output::localities_style(options);
}

void write_localities_geojson(const LayerSet& layers, const std::string& geojson_path,
                              const std::string& qml_path) {
    const output::Table written = output::without_null_numeric_columns(layers.localities);
    output::write_geojson(geojson_path, written, *layers.shapes, layers.data->working);
    output::write_text_file(qml_path, localities_qml(layers, &written));
}

std::vector<std::string> propose_output_names(const StageOptions& config) {
    std::vector<std::string> names;
    if (wants_format(config, OutputFormat::geojson)) {
        names.insert(names.end(), {"localities.geojson", "localities.qml"});
    }
    if (wants_format(config, OutputFormat::gpkg)) {
        names.emplace_back("localities.gpkg");
    }
    names.emplace_back("assignment.csv");
    if (maintaining(config)) {
        names.emplace_back("moves.csv");
    }
    if (config.area_counts) {
        names.emplace_back("area_counts.csv");
    }
    names.emplace_back("summary.json");
    names.emplace_back(k_report_name);
    return names;
}

std::vector<output::TableFile> proposal_tables() {
    return {{"localities.geojson", "localities"},
            {"localities.qml", "localities"},
            {"assignment.csv", "assignment"},
            {"summary.json", "summary"}};
}

// With --confidence (a `confidence` field) the areas open graduated by confidence; the need style is
// kept in layer_styles as a second style of the layer.
output::GpkgLayer areas_gpkg_layer(const OverlayData& data, std::string description, output::Table areas) {
    std::string need_style = output::areas_style(need_class_labels());
    if (!has_field(areas, "confidence")) {
        return {"areas", std::move(description), std::move(areas), data.areas.geometries,
                std::move(need_style)};
    }
    return {"areas",
            std::move(description),
            std::move(areas),
            data.areas.geometries,
            output::areas_confidence_style(),
            {{"areas (need)", std::move(need_style)}}};
}

void add_service_gpkg_layers(const OverlayData& data, const std::vector<output::Table>& tables,
                             std::vector<output::GpkgLayer>& gpkg) {
    for (std::size_t s = 0; s < data.service_layers.size(); ++s) {
        const ServiceLayer& service = data.service_layers[s];
        gpkg.push_back({"service_" + service.name, "Existing service areas: " + service.name, tables[s],
                        service.layer.geometries, output::service_areas_style("service_area")});
    }
}

void write_locality_layers(const StageOptions& config, const LayerSet& layers, output::OutputSet& outputs) {
    const OverlayData& data = *layers.data;
    std::vector<output::GpkgLayer> gpkg;
    if (wants_format(config, OutputFormat::gpkg)) {
        gpkg.push_back(
            {"localities", "Proposed localities", layers.localities, *layers.shapes, localities_qml(layers)});
        gpkg.push_back(areas_gpkg_layer(data, "Small areas with their locality and need", layers.areas));
        add_service_gpkg_layers(data, layers.service_areas, gpkg);
    }
    // The GeoPackage (SQLite on one thread; every area is a feature of it) is written on a task while
    // this thread writes the GeoJSON: two files, each whole and the same whatever the threads. The task
    // reads `gpkg` and `layers`, so it is always waited for before they go, even on an error.
    tbb::task_group tasks;
    if (!gpkg.empty()) {
        const std::string path = outputs.staging_path("localities.gpkg");
        tasks.run([&gpkg, &data, path] { output::write_gpkg(path, gpkg, data.working); });
    }
    try {
        if (wants_format(config, OutputFormat::geojson)) {
            write_localities_geojson(layers, outputs.staging_path("localities.geojson"),
                                     outputs.staging_path("localities.qml"));
        }
    } catch (...) {
        try {
            tasks.wait();
        } catch (...) {  // the GeoJSON's error is the one reported, as when the files came in turn
        }
        throw;
    }
    tasks.wait();  // rethrows what writing the GeoPackage threw
}

}  // namespace locality::pipeline
