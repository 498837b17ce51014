// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "locality/core/types.hpp"

namespace locality::geom {

/**
 * Immutable packed R-tree over envelopes (Boost.Geometry rtree, packing constructor).
 * Item i is boxes[i] of the constructor. Concurrent const queries are safe.
 */
class EnvelopeIndex {
public:
    explicit EnvelopeIndex(const std::vector<Box>& boxes);
    ~EnvelopeIndex();
    EnvelopeIndex(EnvelopeIndex&&) noexcept;
    EnvelopeIndex& operator=(EnvelopeIndex&&) noexcept;

    /** Items whose envelope intersects `box` (touching counts), appended to `out` in ascending order. */
    void query(const Box& box, std::vector<std::size_t>& out) const;
    /** Items whose envelope contains the point (x, y) (boundary included), ascending, appended to `out`. */
    void query_point(double x, double y, std::vector<std::size_t>& out) const;
    /** Up to `count` items with the nearest envelopes to `box`, nearest first, appended to `out`. */
    void nearest(const Box& box, std::size_t count, std::vector<std::size_t>& out) const;
    /** Number of items. */
    std::size_t size() const noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace locality::geom
