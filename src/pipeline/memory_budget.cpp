// SPDX-License-Identifier: MIT
#include "memory_budget.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "locality/core/error.hpp"

namespace locality::pipeline {

namespace {

// GDAL, PROJ (its database), GEOS, TBB and the executable before any data: the peak of a run on the
// 3 x 3 grid fixture (55 MB), rounded up.
constexpr std::uint64_t k_base_bytes = std::uint64_t{64} << 20;
// Per vertex of the areas: the WKB, its reprojected copy, the service-area overlays, the union of the
// coverage check and of the dissolve (fixed); GEOS copies with prepared indexes (per worker thread).
// Fitted on the demo (162,205 vertices): peak 187 MB with one thread, 238 MB with two.
constexpr std::uint64_t k_bytes_per_vertex_fixed = 400;
constexpr std::uint64_t k_bytes_per_vertex_per_thread = 330;
// Per area: ids, values, the contiguity graph (about six neighbours, CSR and the candidate pairs),
// the regionalization's trees and matrices.
constexpr std::uint64_t k_bytes_per_area = 2048;
// Per area and agency: the counts (int64) in reading and in sorted order, rates and z-scores.
constexpr std::uint64_t k_bytes_per_area_agency = 32;
// Case batches (x, y, agency, zones, the transformer's buffers), whatever the number of cases.
constexpr std::uint64_t k_point_batches_bytes = std::uint64_t{16} << 20;

}  // namespace

MemoryEstimate estimate_memory(const io::PolygonLayer& areas, std::size_t threads, std::size_t agencies) {
    MemoryEstimate e;
    e.areas = areas.ids.size();
    e.threads = std::max<std::size_t>(threads, 1);
    std::uint64_t wkb_bytes = 0;
    for (const auto& wkb : areas.geometries) {
        wkb_bytes += wkb.size();
    }
    e.vertices = wkb_bytes / 16;  // two doubles a vertex; headers are noise next to the coordinates
    e.bytes = k_base_bytes + k_point_batches_bytes +
              e.vertices * (k_bytes_per_vertex_fixed + k_bytes_per_vertex_per_thread * e.threads) +
              e.areas * (k_bytes_per_area + k_bytes_per_area_agency * std::max<std::size_t>(agencies, 1));
    return e;
}

void check_memory_budget(const MemoryEstimate& estimate, std::uint64_t max_bytes) {
    if (max_bytes == 0 || estimate.bytes <= max_bytes) {
        return;
    }
    throw Error(
        fmt::format("--max-memory {} is below the {} this run needs ({} areas, {} vertices, {} thread(s)); "
                    "raise --max-memory{}",
                    format_bytes(max_bytes), format_bytes(estimate.bytes), estimate.areas, estimate.vertices,
                    estimate.threads, estimate.threads > 1 ? " or give fewer --threads" : ""));
}

std::string format_bytes(std::uint64_t bytes) {
    const double mb = static_cast<double>(bytes) / (1024.0 * 1024.0);
    return mb >= 1024.0 ? fmt::format("{:.1f} GB", mb / 1024.0) : fmt::format("{:.0f} MB", mb);
}

}  // namespace locality::pipeline
