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
    std::string label;                     ///< source label for messages
    std::string id_field;                  ///< used or detected
    std::vector<std::string> ids;          ///< distinct container ids, in the order first met in the layer
    std::vector<int> container_of;         ///< per small area, index into `ids`
    std::vector<std::string> repaired_ids;
};

/** For messages: the first 10 names quoted, then "and N more". */
std::string listed(const std::vector<std::string>& names);

/**
 * Reads `config.within`, reprojects and repairs it, and gives each small area to the container that
 * covers the largest share of its area (rows with the same id form one container). Small areas that
 * no container touches are refused: InputError listing the first 10 and the count.
 */
Containers assign_containers(const PipelineConfig& config, OverlayData& data);

}  // namespace locality::pipeline
