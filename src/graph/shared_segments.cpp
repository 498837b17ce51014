// SPDX-License-Identifier: MIT
#include "shared_segments.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <tuple>

#include "locality/geom/ring_vertices.hpp"

namespace locality::graph::detail {

namespace {

struct OwnedSegment {
    BorderSegment s;
    ZoneId zone;
};

bool owned_less(const OwnedSegment& a, const OwnedSegment& b) {
    return std::tie(a.s.lo_x, a.s.lo_y, a.s.hi_x, a.s.hi_y, a.zone) <
           std::tie(b.s.lo_x, b.s.lo_y, b.s.hi_x, b.s.hi_y, b.zone);
}

bool same_place(const BorderSegment& a, const BorderSegment& b) {
    return a.lo_x == b.lo_x && a.lo_y == b.lo_y && a.hi_x == b.hi_x && a.hi_y == b.hi_y;
}

// As GEOS measures a line: the square root of dx² + dy², segment by segment.
double segment_length(const BorderSegment& s) {
    const double dx = s.hi_x - s.lo_x;
    const double dy = s.hi_y - s.lo_y;
    return std::sqrt(dx * dx + dy * dy);
}

/** The slot of `high` among `low`'s neighbours, or nothing (-1) when the graph has no such edge. */
std::ptrdiff_t slot_of(const ContiguityGraph& graph, ZoneId low, ZoneId high) {
    const ZoneId* it = std::lower_bound(graph.begin(low), graph.end(low), high);
    if (it == graph.end(low) || *it != high) {
        return -1;
    }
    return it - graph.begin(0);
}

/**
 * Whether two segments may have a common piece of positive length: nearly collinear (each end of the
 * shorter within a billionth of the longer's length of its line) and overlapping beyond a shared end
 * point. Generous on purpose: a "may" only sends the pair to GEOS.
 */
bool may_overlap(const BorderSegment& a, const BorderSegment& b) {
    if (b.lo_x > a.hi_x || a.lo_x > b.hi_x || std::min(b.lo_y, b.hi_y) > std::max(a.lo_y, a.hi_y) ||
        std::min(a.lo_y, a.hi_y) > std::max(b.lo_y, b.hi_y)) {
        return false;
    }
    const double a2 = (a.hi_x - a.lo_x) * (a.hi_x - a.lo_x) + (a.hi_y - a.lo_y) * (a.hi_y - a.lo_y);
    const double b2 = (b.hi_x - b.lo_x) * (b.hi_x - b.lo_x) + (b.hi_y - b.lo_y) * (b.hi_y - b.lo_y);
    const BorderSegment& line = a2 >= b2 ? a : b;
    const BorderSegment& piece = a2 >= b2 ? b : a;
    const double len2 = std::max(a2, b2);
    const double dx = line.hi_x - line.lo_x;
    const double dy = line.hi_y - line.lo_y;
    // |cross| / |line| is the distance from the line; compared with 1e-9 |line| without a square root.
    const double tolerance = 1e-9 * len2;
    const auto off_line = [&](double x, double y) {
        return std::fabs(dx * (y - line.lo_y) - dy * (x - line.lo_x)) > tolerance;
    };
    if (off_line(piece.lo_x, piece.lo_y) || off_line(piece.hi_x, piece.hi_y)) {
        return false;
    }
    const auto along = [&](double x, double y) { return dx * (x - line.lo_x) + dy * (y - line.lo_y); };
    const double t0 = along(piece.lo_x, piece.lo_y);
    const double t1 = along(piece.hi_x, piece.hi_y);
    return std::min(len2, std::max(t0, t1)) > std::max(0.0, std::min(t0, t1));
}

/** Envelope of a zone's segments. */
struct SegmentBox {
    double min_x = 0.0, min_y = 0.0, max_x = -1.0, max_y = -1.0;  // empty
};

SegmentBox box_of(const std::vector<BorderSegment>& segments) {
    SegmentBox b;
    if (segments.empty()) {
        return b;
    }
    b = {segments[0].lo_x, segments[0].lo_y, segments[0].lo_x, segments[0].lo_y};
    for (const BorderSegment& s : segments) {
        b.min_x = std::min(b.min_x, s.lo_x);
        b.max_x = std::max(b.max_x, s.hi_x);
        b.min_y = std::min({b.min_y, s.lo_y, s.hi_y});
        b.max_y = std::max({b.max_y, s.lo_y, s.hi_y});
    }
    return b;
}

/** The segments whose envelope meets `box`, as pointers into `segments`. */
void inside(const std::vector<BorderSegment>& segments, const SegmentBox& box,
            std::vector<const BorderSegment*>& out) {
    out.clear();
    for (const BorderSegment& s : segments) {
        if (s.lo_x <= box.max_x && s.hi_x >= box.min_x && std::min(s.lo_y, s.hi_y) <= box.max_y &&
            std::max(s.lo_y, s.hi_y) >= box.min_y) {
            out.push_back(&s);
        }
    }
}

}  // namespace

void add_ring_segments(const std::vector<double>& xy, ZoneSegments& out) {
    geom::for_each_ordered_segment(xy, [&](double ax, double ay, double bx, double by, bool) {
        out.segments.push_back({ax, ay, bx, by});
    });
}

SegmentBorders borders_from_segments(const ContiguityGraph& graph, const std::vector<ZoneSegments>& zones) {
    const std::size_t n = zones.size();
    const std::size_t slots = 2 * graph.edge_count();
    SegmentBorders out;
    out.length.assign(slots, 0.0);
    out.exact.assign(slots, 1);
    if (n == 0) {
        return out;
    }

    std::size_t total = 0;
    for (const ZoneSegments& z : zones) {
        total += z.readable ? z.segments.size() : 0;
    }
    std::vector<OwnedSegment> all;
    all.reserve(total);
    for (std::size_t z = 0; z < n; ++z) {
        if (zones[z].readable) {
            for (const BorderSegment& s : zones[z].segments) {
                all.push_back({s, static_cast<ZoneId>(z)});
            }
        }
    }
    // A strict order up to identical (segment, zone) entries: the same sequence whatever the threads.
    tbb::parallel_sort(all.begin(), all.end(), owned_less);

    // Identical segments: their length goes to every pair of distinct zones using them.
    std::vector<ZoneId> users;
    for (std::size_t i = 0; i < all.size();) {
        std::size_t j = i;
        users.clear();
        for (; j < all.size() && same_place(all[i].s, all[j].s); ++j) {
            if (users.empty() || users.back() != all[j].zone) {
                users.push_back(all[j].zone);
            }
        }
        const double length = users.size() > 1 ? segment_length(all[i].s) : 0.0;
        for (std::size_t a = 0; a < users.size(); ++a) {
            for (std::size_t b = a + 1; b < users.size(); ++b) {
                const std::ptrdiff_t slot = slot_of(graph, users[a], users[b]);
                if (slot >= 0) {
                    out.length[static_cast<std::size_t>(slot)] += length;
                }
            }
        }
        i = j;
    }
    std::vector<OwnedSegment>().swap(all);

    // The sum is the whole common line unless two segments of the pair that are not identical run
    // along each other: checked on the segments of each zone inside the other's envelope (on cells
    // sharing their vertices, a handful each).
    std::vector<SegmentBox> boxes(n);
    tbb::parallel_for(std::size_t{0}, n, [&](std::size_t z) { boxes[z] = box_of(zones[z].segments); });
    const ZoneId* first = graph.begin(0);
    tbb::parallel_for(
        tbb::blocked_range<std::size_t>(0, n, 64), [&](const tbb::blocked_range<std::size_t>& r) {
            std::vector<const BorderSegment*> near_low;
            std::vector<const BorderSegment*> near_high;
            for (std::size_t z = r.begin(); z != r.end(); ++z) {
                const auto id = static_cast<ZoneId>(z);
                for (const ZoneId* it = graph.begin(id); it != graph.end(id); ++it) {
                    if (*it < id) {
                        continue;
                    }
                    const auto slot = static_cast<std::size_t>(it - first);
                    const auto j = static_cast<std::size_t>(*it);
                    if (!zones[z].readable || !zones[j].readable || !(out.length[slot] > 0.0)) {
                        out.exact[slot] = 0;
                        continue;
                    }
                    inside(zones[z].segments, boxes[j], near_low);
                    inside(zones[j].segments, boxes[z], near_high);
                    bool partial = false;
                    for (std::size_t a = 0; a < near_low.size() && !partial; ++a) {
                        for (const BorderSegment* b : near_high) {
                            if (!same_place(*near_low[a], *b) && may_overlap(*near_low[a], *b)) {
                                partial = true;
                                break;
                            }
                        }
                    }
                    out.exact[slot] = partial ? 0 : 1;
                }
            }
        });
    return out;
}

}  // namespace locality::graph::detail
