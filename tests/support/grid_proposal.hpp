// SPDX-License-Identifier: MIT
// The inputs of tests/e2e/propose_grid as a pipeline configuration, for the unit tests that run it.
#pragma once

#include <string>

#include "locality/pipeline/pipeline.hpp"
#include "test_config.hpp"

namespace locality::test {

/**
 * The 3x3 grid (population `pop`), its ten cases over three agencies (points3x3.csv, EPSG:32618) and
 * the service layer `halves`, written to `output`; no k or floor yet.
 */
inline pipeline::ProposeOptions grid_proposal_config(const std::string& output) {
    pipeline::ProposeOptions config;
    config.areas = {data_path("fixtures/grid3x3.geojson"), ""};
    config.area_id_field = "cell_id";
    config.population_field = "pop";
    config.cases.push_back({"", {data_path("fixtures/points3x3.csv"), ""}});
    config.agency_field = "agency";
    config.cases_crs = "EPSG:32618";
    config.service_areas.push_back({"halves", {data_path("fixtures/halves3x3.geojson"), ""}});
    config.output_dir = output;
    config.command_line = {"propose", "(test)"};
    return config;
}

}  // namespace locality::test
