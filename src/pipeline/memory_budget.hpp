// SPDX-License-Identifier: MIT
// Internal to the pipeline: the run's memory, estimated from its inputs before the heavy stages.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "locality/io/polygon_layer.hpp"

namespace locality::pipeline {

/** What the run is expected to hold at its peak, and from what. */
struct MemoryEstimate {
    std::uint64_t bytes = 0;
    std::size_t areas = 0;
    std::uint64_t vertices = 0;
    std::size_t threads = 0;
};

/**
 * Peak memory of a run over `areas` (read, reprojected), with `threads` workers and `agencies` case
 * columns: the libraries' base, the areas' geometries (WKB, the GEOS copies and prepared indexes each
 * worker thread makes, the dissolve), the case counts and the contiguity graph. Case points do not
 * count: they are streamed a batch at a time. Calibrated on the demo (docs/performance.md).
 */
MemoryEstimate estimate_memory(const io::PolygonLayer& areas, std::size_t threads, std::size_t agencies);

/**
 * Throws Error when `max_bytes` (0 = no limit) is below the estimate: the message gives both sizes,
 * what the estimate comes from, and what to do (raise --max-memory, fewer --threads).
 */
void check_memory_budget(const MemoryEstimate& estimate, std::uint64_t max_bytes);

/** "1.5 GB", "350 MB": sizes for messages, in units of 1024. */
std::string format_bytes(std::uint64_t bytes);

}  // namespace locality::pipeline
