// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "locality/core/types.hpp"
#include "locality/geom/geos_context.hpp"

namespace locality::overlay {

/**
 * Finds the small area that holds a point: packed R-tree candidates, then GEOS prepared
 * "covers" (boundary included). Boundary rule: a point covered by several areas (on a shared
 * edge or vertex, or in an overlap) goes to the one with the lowest ZoneId.
 * Built once; `locate` may be called concurrently from several threads (each thread keeps
 * its own GEOS context and prepared geometries).
 */
class PointLocator {
public:
    /** `areas`: valid polygonal WKB in the working CRS; ZoneId = index. */
    explicit PointLocator(const std::vector<geom::Wkb>& areas);
    ~PointLocator();
    PointLocator(const PointLocator&) = delete;
    PointLocator& operator=(const PointLocator&) = delete;

    /** Zone of (x, y), or k_no_zone when outside every area. Thread-safe. */
    ZoneId locate(double x, double y) const;
    /** Locates n points, in parallel (TBB); out[i] as locate(x[i], y[i]). */
    void locate(std::size_t n, const double* x, const double* y, ZoneId* out) const;
    /** Number of areas. */
    std::size_t size() const noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/** Case counts per (zone, agency), zone-major; plus what fell outside every zone, per agency. */
struct CaseCounts {
    std::size_t zone_count = 0;
    std::size_t agency_count = 0;
    std::vector<std::int64_t> counts;    ///< counts[zone * agency_count + agency]
    std::vector<std::int64_t> outside;   ///< per agency
    std::vector<std::int64_t> assigned;  ///< per agency

    CaseCounts() = default;
    CaseCounts(std::size_t zones, std::size_t agencies);
    /** Grows the agency dimension (agencies are discovered while reading); keeps counts. */
    void resize_agencies(std::size_t agencies);
    std::int64_t at(ZoneId zone, std::size_t agency) const { return counts[zone * agency_count + agency]; }
    /** Sum over agencies for one zone. */
    std::int64_t zone_total(ZoneId zone) const;
    /**
     * Locates a batch and adds it. Deterministic whatever the thread count (integer sums).
     * `agency[i]` must be < agency_count.
     */
    void add(const PointLocator& locator, std::size_t n, const double* x, const double* y,
             const std::int32_t* agency);
};

}  // namespace locality::overlay
