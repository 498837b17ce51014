// SPDX-License-Identifier: MIT
#include "report_stage.hpp"

#include "locality/output/styles.hpp"
#include "locality/report/render_report.hpp"

namespace locality::pipeline {

void stage_report(output::OutputSet& outputs, nlohmann::ordered_json summary, const OverlayData& data,
                  const std::vector<geom::Wkb>& shapes, const std::vector<std::string>& names,
                  const std::vector<int>& colours) {
    summary["warnings"] = data.warnings;
    summary["outputs"] = names;
    const Box& extent = data.areas.extent;
    const double tolerance = extent.empty() ? 0.0 : report::map_tolerance(extent.max_x - extent.min_x,
                                                                          extent.max_y - extent.min_y);
    std::vector<std::string> labels;
    std::vector<std::string> fills;  // the colours of the localities' QGIS style
    for (std::size_t r = 0; r < shapes.size(); ++r) {
        labels.push_back(std::to_string(r + 1));
        fills.push_back(output::qualitative_colour_hex(r < colours.size() ? colours[r] : static_cast<int>(r)));
    }
    report::ReportMap map;
    map.planar = !data.working.is_defined();
    map.localities =
        report::make_map_layer("localities", labels, shapes, data.working, tolerance, "locality", fills);
    for (const ServiceLayer& service : data.service_layers) {
        map.outlines.push_back(report::make_map_layer(service.name, service.layer.ids, service.layer.geometries,
                                                      data.working, tolerance, "service area of '" + service.name + "'"));
    }
    output::write_text_file(outputs.staging_path(k_report_name), report::render_report(summary.dump(), map));
}

}  // namespace locality::pipeline
