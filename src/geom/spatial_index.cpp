// SPDX-License-Identifier: MIT
#include "locality/geom/spatial_index.hpp"

#include <algorithm>
#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <iterator>
#include <utility>

namespace locality::geom {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace {

using BgPoint = bg::model::point<double, 2, bg::cs::cartesian>;
using BgBox = bg::model::box<BgPoint>;
using Value = std::pair<BgBox, std::size_t>;
// R*-tree packing (the range constructor uses STR-like bulk loading whatever the
// parameters); rstar only matters for the node size.
using Tree = bgi::rtree<Value, bgi::rstar<16>>;

BgBox to_bg(const Box& b) { return BgBox(BgPoint(b.min_x, b.min_y), BgPoint(b.max_x, b.max_y)); }

// Results come out in tree order; callers rely on ascending item order (lowest-ZoneId rule).
void append_sorted(std::vector<std::size_t>& out, std::size_t first_new) {
    std::sort(out.begin() + static_cast<std::ptrdiff_t>(first_new), out.end());
}

}  // namespace

struct EnvelopeIndex::Impl {
    Tree tree;
    std::size_t count = 0;
};

EnvelopeIndex::EnvelopeIndex(const std::vector<Box>& boxes) : m_impl(std::make_unique<Impl>()) {
    std::vector<Value> values;
    values.reserve(boxes.size());
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        // Empty envelopes (empty geometries) can match nothing, so they stay out of the tree.
        if (!boxes[i].empty()) {
            values.emplace_back(to_bg(boxes[i]), i);
        }
    }
    m_impl->tree = Tree(values.begin(), values.end());  // packing constructor
    m_impl->count = boxes.size();
}

EnvelopeIndex::~EnvelopeIndex() = default;
EnvelopeIndex::EnvelopeIndex(EnvelopeIndex&&) noexcept = default;
EnvelopeIndex& EnvelopeIndex::operator=(EnvelopeIndex&&) noexcept = default;

void EnvelopeIndex::query(const Box& box, std::vector<std::size_t>& out) const {
    if (box.empty()) {
        return;
    }
    const std::size_t first_new = out.size();
    const BgBox query_box = to_bg(box);
    for (auto it = m_impl->tree.qbegin(bgi::intersects(query_box)); it != m_impl->tree.qend(); ++it) {
        out.push_back(it->second);
    }
    append_sorted(out, first_new);
}

void EnvelopeIndex::query_point(double x, double y, std::vector<std::size_t>& out) const {
    const std::size_t first_new = out.size();
    // bgi::intersects(point) on boxes includes the boundary (covered_by semantics).
    const BgPoint p(x, y);
    for (auto it = m_impl->tree.qbegin(bgi::intersects(p)); it != m_impl->tree.qend(); ++it) {
        out.push_back(it->second);
    }
    append_sorted(out, first_new);
}

void EnvelopeIndex::nearest(const Box& box, std::size_t count, std::vector<std::size_t>& out) const {
    if (box.empty() || count == 0) {
        return;
    }
    std::vector<Value> found;
    found.reserve(count);
    m_impl->tree.query(bgi::nearest(to_bg(box), static_cast<unsigned>(count)), std::back_inserter(found));
    // bgi::nearest returns its k results in no particular order: sort by distance, then index.
    const BgBox query_box = to_bg(box);
    std::vector<std::pair<double, std::size_t>> ranked;
    ranked.reserve(found.size());
    for (const Value& v : found) {
        ranked.emplace_back(bg::comparable_distance(query_box, v.first), v.second);
    }
    std::sort(ranked.begin(), ranked.end());
    for (const auto& r : ranked) {
        out.push_back(r.second);
    }
}

std::size_t EnvelopeIndex::size() const noexcept { return m_impl->count; }

}  // namespace locality::geom
