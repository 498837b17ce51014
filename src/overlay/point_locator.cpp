// SPDX-License-Identifier: MIT
#include "locality/overlay/point_locator.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <string>

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include "locality/core/error.hpp"
#include "locality/geom/spatial_index.hpp"
#include "locality/geom/validity.hpp"
#include "thread_geoms.hpp"

namespace locality::overlay {

namespace {

using detail::ThreadGeoms;

// Acceleration grid. Per-point GEOS calls (a point allocation plus a prepared covers test per
// R-tree candidate) cost about a microsecond each, too slow for millions of points. So a
// uniform grid over the extent is classified once, by GEOS, as a quadtree: a cell that the
// lowest-numbered area touching it contains properly is answered by that area, a cell that no
// area touches is "outside", and only points in the remaining (boundary) cells go to GEOS,
// with the short candidate list of their cell. GEOS stays the single source of truth.
// Depth trades build time against points left to GEOS. Measured on the 2,166 NYC tracts,
// 1e6 points, one core: depth 9 builds in 0.4 s and locates in 0.7 s, depth 10 in 0.8 s and
// 0.3 s, depth 11 in 2.3 s and 0.5 s (16 MB of labels miss the cache).
constexpr int k_max_depth = 10;             // 1024 x 1024 cells, 4 MB of labels at most
constexpr double k_cells_per_area = 1024.0; // about 32 x 32 cells per area below the cap
constexpr int k_task_depth = 4;             // 16 x 16 construction tasks for TBB
constexpr std::int32_t k_outside = -1;      // label of a cell no area touches
// Labels <= -2 are boundary cells: -(2 + index of the cell's candidate list).
constexpr std::size_t k_grain = 4096;       // points per TBB task

std::int32_t mixed_label(std::size_t list) { return -2 - static_cast<std::int32_t>(list); }
std::size_t mixed_list(std::int32_t label) { return static_cast<std::size_t>(-2 - label); }

/** Candidate lists of boundary cells, in CSR form. */
struct CandidateLists {
    std::vector<std::uint32_t> offsets{0};
    std::vector<std::int32_t> items;

    std::size_t add(const std::vector<std::int32_t>& list) {
        items.insert(items.end(), list.begin(), list.end());
        offsets.push_back(static_cast<std::uint32_t>(items.size()));
        return offsets.size() - 2;
    }
    std::size_t count() const noexcept { return offsets.size() - 1; }
};

struct Grid {
    double x0 = 0.0;
    double y0 = 0.0;
    double cell = 0.0;
    std::int64_t side = 0;  // cells per row, a power of two; 0 = no grid
    std::vector<std::int32_t> labels;
    CandidateLists lists;

    // Every cell edge is computed by these two functions only, both when classifying and when
    // locating, so "point inside the cell" is tested against exactly the rectangle GEOS saw.
    double edge_x(std::int64_t i) const noexcept { return x0 + static_cast<double>(i) * cell; }
    double edge_y(std::int64_t i) const noexcept { return y0 + static_cast<double>(i) * cell; }

    /** Label of the cell whose closed rectangle holds (x, y); false when there is none. */
    bool label_of(double x, double y, std::int32_t& label) const noexcept {
        const double fx = (x - x0) / cell;
        const double fy = (y - y0) / cell;
        const auto n = static_cast<double>(side);
        if (!(fx >= 0.0 && fx < n && fy >= 0.0 && fy < n)) {  // also rejects NaN and no grid
            return false;
        }
        const auto ix = static_cast<std::int64_t>(fx);
        const auto iy = static_cast<std::int64_t>(fy);
        // The division can round a point across a cell edge: then let GEOS decide.
        if (x < edge_x(ix) || x > edge_x(ix + 1) || y < edge_y(iy) || y > edge_y(iy + 1)) {
            return false;
        }
        label = labels[static_cast<std::size_t>(iy * side + ix)];
        return true;
    }
};

/** Lowest candidate (ascending list) whose prepared geometry covers (x, y), or k_no_zone. */
template <typename Index>
ZoneId first_covering(const ThreadGeoms& tg, const Index* first, const Index* last, double x, double y) {
    if (first == last) {
        return k_no_zone;
    }
#if GEOS_VERSION_MAJOR > 3 || (GEOS_VERSION_MAJOR == 3 && GEOS_VERSION_MINOR >= 12)
    // For a polygonal area, "covers a point" is "intersects a point"; the XY form skips the
    // point allocation.
    for (const Index* it = first; it != last; ++it) {
        if (tg.predicate(GEOSPreparedIntersectsXY_r(tg.handle(), tg.prepared(static_cast<std::size_t>(*it)), x, y),
                         "prepared intersects")) {
            return static_cast<ZoneId>(*it);
        }
    }
#else
    // GEOS 3.11 has no XY predicates: build the point once for all candidates.
    const geom::GeomPtr point = geom::make_point(tg.ctx(), x, y);
    for (const Index* it = first; it != last; ++it) {
        if (tg.predicate(GEOSPreparedCovers_r(tg.handle(), tg.prepared(static_cast<std::size_t>(*it)), point.get()),
                         "prepared covers")) {
            return static_cast<ZoneId>(*it);
        }
    }
#endif
    return k_no_zone;
}

/** Classifies the cells of one construction task (a square block of the grid). */
class GridBuilder {
public:
    GridBuilder(Grid& grid, const std::vector<Box>& envelopes, const ThreadGeoms& tg)
        : m_grid(grid), m_envelopes(envelopes), m_tg(tg) {}

    /** Classifies the block of `size` cells at (ix, iy) against ascending `candidates`. */
    void classify(std::int64_t ix, std::int64_t iy, std::int64_t size, const std::vector<std::int32_t>& candidates) {
        const Box box{m_grid.edge_x(ix), m_grid.edge_y(iy), m_grid.edge_x(ix + size), m_grid.edge_y(iy + size)};
        geom::GeomPtr rect;
        std::vector<std::int32_t> hits;
        for (const std::int32_t c : candidates) {
            // Most candidates inherited from the parent block miss a child block by envelope
            // alone; only the others cost a GEOS call.
            const Box& env = m_envelopes[static_cast<std::size_t>(c)];
            if (env.min_x > box.max_x || env.max_x < box.min_x || env.min_y > box.max_y || env.max_y < box.min_y) {
                continue;
            }
            if (!rect) {
                rect = geom::make_box(m_tg.ctx(), box.min_x, box.min_y, box.max_x, box.max_y);
            }
            const GEOSPreparedGeometry* area = m_tg.prepared(static_cast<std::size_t>(c));
            // Lower-numbered areas do not touch the block (hits is empty), so if this one
            // contains it properly, every point of the block (edges included) belongs to it and
            // the higher-numbered candidates need no test. Asking this before "intersects"
            // saves a GEOS call on most blocks, which are inside one area.
            if (hits.empty() && m_tg.predicate(GEOSPreparedContainsProperly_r(m_tg.handle(), area, rect.get()),
                                               "prepared contains properly")) {
                fill(ix, iy, size, c);
                return;
            }
            if (!m_tg.predicate(GEOSPreparedIntersects_r(m_tg.handle(), area, rect.get()), "prepared intersects")) {
                continue;
            }
            hits.push_back(c);
        }
        if (hits.empty()) {
            fill(ix, iy, size, k_outside);
            return;
        }
        if (size == 1) {
            fill(ix, iy, 1, mixed_label(m_lists.add(hits)));
            return;
        }
        const std::int64_t half = size / 2;
        classify(ix, iy, half, hits);
        classify(ix + half, iy, half, hits);
        classify(ix, iy + half, half, hits);
        classify(ix + half, iy + half, half, hits);
    }

    /** Boundary-cell lists found by this task; labels refer to them by local index. */
    const CandidateLists& lists() const noexcept { return m_lists; }

private:
    void fill(std::int64_t ix, std::int64_t iy, std::int64_t size, std::int32_t label) {
        for (std::int64_t row = iy; row < iy + size; ++row) {
            auto begin = m_grid.labels.begin() + static_cast<std::ptrdiff_t>(row * m_grid.side + ix);
            std::fill(begin, begin + static_cast<std::ptrdiff_t>(size), label);
        }
    }

    Grid& m_grid;
    const std::vector<Box>& m_envelopes;
    const ThreadGeoms& m_tg;
    CandidateLists m_lists;
};

}  // namespace

struct PointLocator::Impl {
    std::vector<geom::Wkb> areas;
    std::vector<Box> envelopes;
    geom::EnvelopeIndex index{std::vector<Box>{}};
    Grid grid;
    mutable tbb::enumerable_thread_specific<std::unique_ptr<ThreadGeoms>> states;

    /** This thread's GEOS copy of the areas, parsed on first use. */
    const ThreadGeoms& state() const {
        std::unique_ptr<ThreadGeoms>& local = states.local();
        if (!local) {
            local = std::make_unique<ThreadGeoms>(areas, "area");
        }
        return *local;
    }

    /** Exact answer without the grid: R-tree candidates, then prepared covers. */
    ZoneId locate_plain(const ThreadGeoms& tg, double x, double y, std::vector<std::size_t>& scratch) const {
        scratch.clear();
        index.query_point(x, y, scratch);
        return first_covering(tg, scratch.data(), scratch.data() + scratch.size(), x, y);
    }

    /** Grid first; GEOS only for boundary cells and points off the grid. */
    ZoneId locate_one(double x, double y, const ThreadGeoms*& tg, std::vector<std::size_t>& scratch) const {
        std::int32_t label = k_outside;
        const bool on_grid = grid.label_of(x, y, label);
        if (on_grid && label >= k_outside) {
            return label;
        }
        if (tg == nullptr) {
            tg = &state();
        }
        if (!on_grid) {
            return locate_plain(*tg, x, y, scratch);
        }
        const std::size_t list = mixed_list(label);
        const std::int32_t* items = grid.lists.items.data();
        return first_covering(*tg, items + grid.lists.offsets[list], items + grid.lists.offsets[list + 1], x, y);
    }

    void build_grid();
};

void PointLocator::Impl::build_grid() {
    Box extent;
    for (const Box& b : envelopes) {
        extent.expand(b);
    }
    const double span = std::max(extent.max_x - extent.min_x, extent.max_y - extent.min_y);
    if (extent.empty() || !(span > 0.0) || !std::isfinite(span)) {
        return;  // no grid: every point takes the plain path
    }
    int depth = k_task_depth;
    while (depth < k_max_depth && std::ldexp(1.0, 2 * depth) < static_cast<double>(areas.size()) * k_cells_per_area) {
        ++depth;
    }
    grid.side = std::int64_t{1} << depth;
    grid.x0 = extent.min_x;
    grid.y0 = extent.min_y;
    // A hair larger so that the far edges fall inside; points that still miss use the plain path.
    grid.cell = span * (1.0 + 1e-9) / static_cast<double>(grid.side);
    grid.labels.assign(static_cast<std::size_t>(grid.side * grid.side), k_outside);

    const std::int64_t tasks_per_side = std::int64_t{1} << k_task_depth;
    const std::int64_t block = grid.side / tasks_per_side;
    std::vector<CandidateLists> task_lists(static_cast<std::size_t>(tasks_per_side * tasks_per_side));
    // Tasks write disjoint blocks of labels; their candidate lists are merged in task order
    // afterwards, so the result does not depend on scheduling.
    tbb::parallel_for(std::int64_t{0}, tasks_per_side * tasks_per_side, [&](std::int64_t t) {
        const std::int64_t ix = (t % tasks_per_side) * block;
        const std::int64_t iy = (t / tasks_per_side) * block;
        std::vector<std::size_t> found;
        index.query({grid.edge_x(ix), grid.edge_y(iy), grid.edge_x(ix + block), grid.edge_y(iy + block)}, found);
        GridBuilder builder(grid, envelopes, state());
        builder.classify(ix, iy, block, std::vector<std::int32_t>(found.begin(), found.end()));
        task_lists[static_cast<std::size_t>(t)] = builder.lists();
    });
    std::vector<std::size_t> first_list(task_lists.size());
    for (std::size_t t = 0; t < task_lists.size(); ++t) {
        first_list[t] = grid.lists.count();
        for (std::size_t l = 0; l < task_lists[t].count(); ++l) {
            grid.lists.add({task_lists[t].items.begin() + task_lists[t].offsets[l],
                            task_lists[t].items.begin() + task_lists[t].offsets[l + 1]});
        }
    }
    tbb::parallel_for(std::int64_t{0}, tasks_per_side * tasks_per_side, [&](std::int64_t t) {
        const std::int64_t ix = (t % tasks_per_side) * block;
        const std::int64_t iy = (t / tasks_per_side) * block;
        for (std::int64_t row = iy; row < iy + block; ++row) {
            for (std::int64_t col = ix; col < ix + block; ++col) {
                std::int32_t& label = grid.labels[static_cast<std::size_t>(row * grid.side + col)];
                if (label < k_outside) {
                    label = mixed_label(mixed_list(label) + first_list[static_cast<std::size_t>(t)]);
                }
            }
        }
    });
}

PointLocator::PointLocator(const std::vector<geom::Wkb>& areas) : m_impl(std::make_unique<Impl>()) {
    if (areas.size() >= static_cast<std::size_t>(std::numeric_limits<ZoneId>::max())) {
        throw InputError("point locator: too many areas (" + std::to_string(areas.size()) + ")");
    }
    m_impl->areas = areas;
    const ThreadGeoms& tg = m_impl->state();
    m_impl->envelopes.reserve(areas.size());
    for (std::size_t i = 0; i < tg.size(); ++i) {
        m_impl->envelopes.push_back(geom::envelope(tg.ctx(), tg.geom(i)));
    }
    m_impl->index = geom::EnvelopeIndex(m_impl->envelopes);
    m_impl->build_grid();
}

PointLocator::~PointLocator() = default;

ZoneId PointLocator::locate(double x, double y) const {
    const ThreadGeoms* tg = nullptr;
    std::vector<std::size_t> scratch;
    return m_impl->locate_one(x, y, tg, scratch);
}

void PointLocator::locate(std::size_t n, const double* x, const double* y, ZoneId* out) const {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, k_grain), [&](const tbb::blocked_range<std::size_t>& r) {
        const ThreadGeoms* tg = nullptr;
        std::vector<std::size_t> scratch;
        for (std::size_t i = r.begin(); i != r.end(); ++i) {
            out[i] = m_impl->locate_one(x[i], y[i], tg, scratch);
        }
    });
}

std::size_t PointLocator::size() const noexcept { return m_impl->areas.size(); }

CaseCounts::CaseCounts(std::size_t zones, std::size_t agencies)
    : zone_count(zones), agency_count(agencies), counts(zones * agencies, 0), outside(agencies, 0),
      assigned(agencies, 0) {}

void CaseCounts::resize_agencies(std::size_t agencies) {
    if (agencies < agency_count) {
        throw UsageError("case counts: cannot shrink from " + std::to_string(agency_count) + " to " +
                         std::to_string(agencies) + " agencies");
    }
    std::vector<std::int64_t> grown(zone_count * agencies, 0);
    for (std::size_t z = 0; z < zone_count; ++z) {
        std::copy_n(counts.begin() + static_cast<std::ptrdiff_t>(z * agency_count), agency_count,
                    grown.begin() + static_cast<std::ptrdiff_t>(z * agencies));
    }
    counts = std::move(grown);
    outside.resize(agencies, 0);
    assigned.resize(agencies, 0);
    agency_count = agencies;
}

std::int64_t CaseCounts::zone_total(ZoneId zone) const {
    std::int64_t total = 0;
    for (std::size_t a = 0; a < agency_count; ++a) {
        total += at(zone, a);
    }
    return total;
}

void CaseCounts::add(const PointLocator& locator, std::size_t n, const double* x, const double* y,
                     const std::int32_t* agency) {
    if (locator.size() != zone_count) {
        throw UsageError("case counts: made for " + std::to_string(zone_count) + " zones but the locator has " +
                         std::to_string(locator.size()));
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (agency[i] < 0 || static_cast<std::size_t>(agency[i]) >= agency_count) {
            throw UsageError("case counts: agency index " + std::to_string(agency[i]) + " of point " +
                             std::to_string(i) + " is not below " + std::to_string(agency_count) +
                             " (call resize_agencies first)");
        }
    }
    std::vector<ZoneId> zones(n);
    locator.locate(n, x, y, zones.data());
    // Sequential integer sums: identical whatever the thread count.
    for (std::size_t i = 0; i < n; ++i) {
        const auto a = static_cast<std::size_t>(agency[i]);
        if (zones[i] == k_no_zone) {
            ++outside[a];
        } else {
            ++counts[static_cast<std::size_t>(zones[i]) * agency_count + a];
            ++assigned[a];
        }
    }
}

}  // namespace locality::overlay
