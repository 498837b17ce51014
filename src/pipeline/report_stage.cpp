// SPDX-License-Identifier: MIT
#include "report_stage.hpp"

#include <fmt/format.h>

#include "confidence.hpp"
#include "locality/dissolve/dissolve.hpp"
#include "locality/output/styles.hpp"
#include "locality/report/render_report.hpp"

namespace locality::pipeline {

void stage_report(output::OutputSet& outputs, nlohmann::ordered_json summary, const OverlayData& data,
                  const std::vector<geom::Wkb>& shapes, const std::vector<std::string>& names,
                  const std::vector<int>& colours, const std::vector<double>& area_confidence,
                  const std::vector<RegionId>& area_locality) {
    summary["warnings"] = data.warnings;
    summary["outputs"] = names;
    const Box& extent = data.areas.extent;
    const double tolerance =
        extent.empty() ? 0.0
                       : report::map_tolerance(extent.max_x - extent.min_x, extent.max_y - extent.min_y);
    std::vector<std::string> labels;
    std::vector<std::string> fills;  // the colours of the localities' QGIS style
    for (std::size_t r = 0; r < shapes.size(); ++r) {
        labels.push_back(std::to_string(r + 1));
        fills.push_back(
            output::qualitative_colour_hex(r < colours.size() ? colours[r] : static_cast<int>(r)));
    }
    report::ReportMap map;
    map.planar = !data.working.is_defined();
    map.localities =
        report::make_map_layer("localities", labels, shapes, data.working, tolerance, "locality", fills);
    for (const ServiceLayer& service : data.service_layers) {
        map.outlines.push_back(report::make_map_layer(service.name, service.layer.ids,
                                                      service.layer.geometries, data.working, tolerance,
                                                      "service area of '" + service.name + "'"));
    }
    if (!area_confidence.empty()) {
        // The areas whose lines are not firm, dissolved within each locality (so the map shows where the
        // lines are unsure, not every area's outline) and drawn hatched over the localities.
        map.confidence = true;
        std::vector<int> slot_of_locality;
        std::vector<int> count;
        std::vector<std::string> unsure_labels;
        std::vector<geom::Wkb> unsure_areas;
        std::vector<RegionId> unsure_slot;
        for (std::size_t z = 0; z < area_confidence.size() && z < area_locality.size(); ++z) {
            const RegionId locality = area_locality[z];
            if (area_confidence[z] >= k_firm_confidence || locality < 0) {
                continue;
            }
            if (static_cast<std::size_t>(locality) >= slot_of_locality.size()) {
                slot_of_locality.resize(static_cast<std::size_t>(locality) + 1, -1);
            }
            int& slot = slot_of_locality[static_cast<std::size_t>(locality)];
            if (slot < 0) {
                slot = static_cast<int>(unsure_labels.size());
                unsure_labels.push_back(std::to_string(locality + 1));
                count.push_back(0);
            }
            ++count[static_cast<std::size_t>(slot)];
            unsure_areas.push_back(data.areas.geometries[z]);
            unsure_slot.push_back(slot);
        }
        for (std::size_t s = 0; s < unsure_labels.size(); ++s) {
            unsure_labels[s] = fmt::format("locality {}: {} area(s) not firm (confidence below {})",
                                           unsure_labels[s], count[s], k_firm_confidence);
        }
        const std::vector<geom::Wkb> unsure =
            dissolve::dissolve_regions(unsure_areas, unsure_slot, static_cast<int>(unsure_labels.size()));
        map.unsure =
            report::make_map_layer("not firm", unsure_labels, unsure, data.working, tolerance, "area");
    }
    output::write_text_file(outputs.staging_path(k_report_name), report::render_report(summary.dump(), map));
}

}  // namespace locality::pipeline
