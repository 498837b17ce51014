// SPDX-License-Identifier: MIT
// Internal to the pipeline: `locality evaluate`'s localities, read from an assignment table or
// polygons, and the constraints checked (not enforced) on them.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "constraints.hpp"
#include "inputs.hpp"
#include "locality/graph/contiguity_graph.hpp"
#include "locality/regionalize/skater.hpp"
#include "partition.hpp"

namespace locality::pipeline {

/** Name of the locality that gathers the areas no given locality holds. */
constexpr const char* k_left_out_name = "(left out)";

/** The localities given to `evaluate`, numbered 1..n in `names` order. */
struct GivenLocalities {
    std::vector<std::string> names;  ///< per locality; the last is k_left_out_name when areas are left out
    regionalize::Regionalization result;        ///< region_of per area
    std::vector<std::string> left_out;          ///< ids of the areas no given locality holds
    std::vector<std::string> unknown_area_ids;  ///< assignment rows naming no small area
    std::vector<std::string> empty_localities;  ///< polygons that hold no small area (--localities)
    nlohmann::ordered_json source;              ///< summary.json's evaluation.source
};

/**
 * Reads `config.assignment` (area id and locality fields of any table GDAL reads) or
 * `config.localities` (each area to the polygon covering most of it). Localities are numbered in
 * numeric order when every name is an integer, else in the order first met. InputError when an area
 * is given two different localities (naming both rows) or when no area at all is assigned. Errors name
 * `plan_role` (compare's "plan 'today'") when given, else evaluate's option.
 */
GivenLocalities read_given_localities(const StageOptions& config, OverlayData& data,
                                      const std::string& plan_role = {});

/** The contiguity of every area as one graph over global ids, the partition's bridges included. */
graph::ContiguityGraph contiguity_of_all_areas(const Partition& partition, std::size_t areas);

/**
 * The localities of an assignment table (`area_field`, `locality_field` of any table GDAL reads), as
 * read_given_localities numbers them but without its warnings: `role` names the option in errors
 * ("--start-from"). Areas without a locality are in `left_out` (region_of = names.size()), rows naming
 * no area in `unknown_area_ids`; `names` may be empty.
 */
GivenLocalities read_assignment_localities(const io::SourceSpec& source, const std::string& area_field,
                                           const std::string& locality_field, const std::string& role,
                                           const OverlayData& data);

/**
 * The localities of polygons (`source`, its `id_field`, empty = detected), each area to the polygon
 * covering most of it, as read_given_localities numbers them but without its warnings; `role` names
 * the option in errors. A service layer of `config` read from the same source is reused. With `majority`
 * (pins), an area goes to a polygon only when it covers more than half of it; the others are left out.
 */
GivenLocalities read_polygon_localities(const StageOptions& config, const io::SourceSpec& source,
                                        const std::string& id_field, const std::string& role,
                                        OverlayData& data, bool majority = false);

/**
 * summary.json's evaluation.checks: each locality that is not contiguous (its parts), each bound
 * breached (which locality, its total, by how much) and the areas left out; `met` false when any.
 * `graph` is the contiguity of every area, bridges included.
 */
nlohmann::ordered_json check_given_localities(const StageOptions& config, const GivenLocalities& given,
                                              const std::vector<BoundRequest>& requests,
                                              const graph::ContiguityGraph& graph);

}  // namespace locality::pipeline
