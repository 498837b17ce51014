// SPDX-License-Identifier: MIT
// Internal to the pipeline: --within, the container polygons every locality nests in.
#pragma once

#include <string>
#include <vector>

#include "inputs.hpp"

namespace locality::pipeline {

/** The containers read, and which one each small area belongs to. */
struct Containers {
    io::FileInfo file;
    std::string label;                    ///< source label for messages
    std::string id_field;                 ///< used or detected
    std::vector<std::string> ids;         ///< distinct container ids, in the order first met in the layer
    std::vector<int> container_of;        ///< per small area, index into `ids`
    std::vector<double> container_share;  ///< per small area, the share of it its container covers (0: none)
    std::vector<std::string> repaired_ids;
};

/** For messages: the first 10 names (quoted unless `quoted` is false), then "and N more". */
std::string listed(const std::vector<std::string>& names, bool quoted = true);

/**
 * Fills `out.ids` and `out.container_of` from the overlay of the small areas on polygons whose rows
 * have the ids `row_ids` (rows with the same id form one polygon): each area to the polygon covering
 * the largest share of it, ties to the first read, -1 where none touches it.
 */
void assign_by_shares(const std::vector<std::string>& row_ids, const std::vector<overlay::AreaShares>& shares,
                      Containers& out);

/**
 * Reads polygons `source` (`role` names them in messages), reprojects and repairs them, and gives each
 * small area to the polygon that covers the largest share of its area (rows with the same id form
 * one polygon; ties go to the first read). Areas that no polygon touches get -1.
 */
Containers assign_to_polygons(const io::SourceSpec& source, const std::string& id_field,
                              const std::string& role, OverlayData& data);

/**
 * Reads `config.within`, reprojects and repairs it, and gives each small area to the container that
 * covers the largest share of its area (rows with the same id form one container). Small areas that
 * no container touches are refused: InputError listing the first 10 and the count.
 */
Containers assign_containers(const StageOptions& config, OverlayData& data);

}  // namespace locality::pipeline
