// SPDX-License-Identifier: MIT
#include "region_state.hpp"

#include <algorithm>
#include <cmath>

#include "locality/core/error.hpp"

namespace locality::regionalize::detail {

namespace {

/** Union-find root with path halving over a handful of search labels. */
int find_root(std::vector<int>& parent, int i) {
    while (parent[static_cast<std::size_t>(i)] != i) {
        parent[static_cast<std::size_t>(i)] =
            parent[static_cast<std::size_t>(parent[static_cast<std::size_t>(i)])];
        i = parent[static_cast<std::size_t>(i)];
    }
    return i;
}

}  // namespace

double inverse_polsby_popper(double perimeter, double area) {
    constexpr double k_four_pi = 12.566370614359172;
    return area > 0.0 ? perimeter * perimeter / (k_four_pi * area) : 0.0;
}

ShapeReference measure_shape_reference(const Problem& problem, const std::vector<RegionId>& region_of,
                                       int region_count) {
    ShapeReference ref;
    if (problem.shapes == nullptr || region_count <= 0) return ref;
    const std::size_t n = region_of.size();
    const std::size_t k = static_cast<std::size_t>(region_count);
    const double tss = within_sum_of_squares(*problem.attributes, std::vector<RegionId>(n, 0), 1);
    const double wss = within_sum_of_squares(*problem.attributes, region_of, region_count);
    ref.explained =
        tss > 0.0 ? std::clamp(1.0 - wss / tss, 0.0, 1.0) : 1.0;  // no variance: shape alone decides
    const ZoneShapes& shapes = *problem.shapes;
    const ZoneId* first = problem.graph->begin(0);
    std::vector<double> perimeter(k, 0.0);
    std::vector<double> area(k, 0.0);
    for (std::size_t z = 0; z < n; ++z) {
        const std::size_t r = static_cast<std::size_t>(region_of[z]);
        area[r] += shapes.area[z];
        perimeter[r] += shapes.perimeter[z];
        const ZoneId id = static_cast<ZoneId>(z);
        for (const ZoneId* it = problem.graph->begin(id); it != problem.graph->end(id); ++it) {
            // Each inner border is met from both sides: once from each takes it off twice.
            if (region_of[static_cast<std::size_t>(*it)] == region_of[z]) {
                perimeter[r] -= shapes.shared[static_cast<std::size_t>(it - first)];
            }
        }
    }
    double sum = 0.0;
    for (std::size_t r = 0; r < k; ++r) sum += inverse_polsby_popper(perimeter[r], area[r]);
    ref.inverse_polsby_popper = sum / static_cast<double>(k);
    if (!std::isfinite(ref.inverse_polsby_popper)) ref.inverse_polsby_popper = 0.0;
    return ref;
}

RegionState::RegionState(const Problem& problem, const std::vector<RegionId>& region_of, int region_count)
    : m_graph(problem.graph),
      m_bounds(&problem.bounds),
      m_cols(problem.attributes->cols),
      m_k(region_count),
      m_data(problem.attributes->values),
      m_region_of(region_of),
      m_count(static_cast<std::size_t>(region_count), 0),
      m_sum(static_cast<std::size_t>(region_count) * problem.attributes->cols, 0.0),
      m_sumsq(static_cast<std::size_t>(region_count), 0.0),
      m_total(problem.bounds.size() * static_cast<std::size_t>(region_count), 0.0),
      m_boundary_pos(region_of.size(), -1),
      m_stamp(region_of.size(), 0),
      m_owner(region_of.size(), 0) {
    const std::size_t n = m_region_of.size();
    // Centring keeps sumsq - |sum|^2 / count from cancelling when a column has a large mean.
    for (std::size_t c = 0; c < m_cols; ++c) {
        double mean = 0.0;
        for (std::size_t z = 0; z < n; ++z) mean += m_data[z * m_cols + c];
        mean /= static_cast<double>(n);
        for (std::size_t z = 0; z < n; ++z) m_data[z * m_cols + c] -= mean;
    }
    const std::size_t k = static_cast<std::size_t>(m_k);
    for (std::size_t z = 0; z < n; ++z) {
        const std::size_t r = static_cast<std::size_t>(m_region_of[z]);
        ++m_count[r];
        for (std::size_t c = 0; c < m_cols; ++c) {
            const double x = m_data[z * m_cols + c];
            m_sum[r * m_cols + c] += x;
            m_sumsq[r] += x * x;
        }
        for (std::size_t b = 0; b < m_bounds->size(); ++b) {
            m_total[b * k + r] += (*m_bounds)[b].values[z];
        }
    }
    for (std::size_t r = 0; r < k; ++r) {
        double norm = 0.0;
        for (std::size_t c = 0; c < m_cols; ++c) norm += m_sum[r * m_cols + c] * m_sum[r * m_cols + c];
        m_wss += m_sumsq[r] - norm / static_cast<double>(m_count[r]);
    }
    for (const Bound& b : *m_bounds) {
        const double threshold = std::isfinite(b.min) && b.min != 0.0   ? std::abs(b.min)
                                 : std::isfinite(b.max) && b.max != 0.0 ? std::abs(b.max)
                                                                        : 1.0;
        m_scale.push_back(threshold);
    }
    for (std::size_t z = 0; z < n; ++z) refresh_boundary(static_cast<ZoneId>(z));
    if (problem.shapes != nullptr && problem.shape_weight > 0.0) {
        // Normalised on the shape-blind reference (E0, P0): the objective over the total sum of
        // squares is WSS / TSS + weight x E0 x (mean over regions of 1 / Polsby-Popper) / P0.
        const ShapeReference& ref = problem.shape_reference;
        if (!ref.set()) {
            throw Error("the shape term has no reference partition (regionalize::shape_reference)");
        }
        double tss = 0.0;
        for (const double x : m_data) tss += x * x;
        if (!(tss > 0.0)) tss = static_cast<double>(n);  // no variance: shape alone decides
        m_shapes = problem.shapes;
        m_lambda = problem.shape_weight * tss * ref.explained /
                   (ref.inverse_polsby_popper * static_cast<double>(m_k));
        m_perimeter.assign(k, 0.0);
        m_area.assign(k, 0.0);
        for (std::size_t z = 0; z < n; ++z) {
            const ZoneId id = static_cast<ZoneId>(z);
            const std::size_t r = static_cast<std::size_t>(m_region_of[z]);
            m_area[r] += m_shapes->area[z];
            m_perimeter[r] += m_shapes->perimeter[z];
            // Each inner border is met from both sides: half of twice its length each time.
            m_perimeter[r] -= shared_with(id, m_region_of[z]);
        }
        for (std::size_t r = 0; r < k; ++r) m_shape_sum += inverse_polsby_popper(m_perimeter[r], m_area[r]);
    }
    if (!problem.kept.empty()) {
        double tss = 0.0;  // in the same units as the shape term's
        for (const double x : m_data) tss += x * x;
        if (!(tss > 0.0)) tss = static_cast<double>(n);
        m_disruption.emplace(problem, m_region_of, m_k, tss);
    }
}

double RegionState::shared_with(ZoneId z, RegionId r) const {
    const ZoneId* first = m_graph->begin(0);
    double sum = 0.0;
    for (const ZoneId* it = m_graph->begin(z); it != m_graph->end(z); ++it) {
        if (region(*it) == r) sum += m_shapes->shared[static_cast<std::size_t>(it - first)];
    }
    return sum;
}

double RegionState::shape_delta(ZoneId z, RegionId to) const {
    const std::size_t zi = static_cast<std::size_t>(z);
    const std::size_t a = static_cast<std::size_t>(region(z));
    const std::size_t b = static_cast<std::size_t>(to);
    // Leaving, z's inner borders with a become a's outer boundary; joining, its borders with b vanish.
    const double pa = m_perimeter[a] - m_shapes->perimeter[zi] + 2.0 * shared_with(z, region(z));
    const double pb = m_perimeter[b] + m_shapes->perimeter[zi] - 2.0 * shared_with(z, to);
    const double za = m_shapes->area[zi];
    return inverse_polsby_popper(pa, m_area[a] - za) - inverse_polsby_popper(m_perimeter[a], m_area[a]) +
           inverse_polsby_popper(pb, m_area[b] + za) - inverse_polsby_popper(m_perimeter[b], m_area[b]);
}

double RegionState::wss_delta(ZoneId z, RegionId to) const {
    const std::size_t a = static_cast<std::size_t>(region(z));
    const std::size_t b = static_cast<std::size_t>(to);
    const double* x = m_data.data() + static_cast<std::size_t>(z) * m_cols;
    const double na = static_cast<double>(m_count[a]);
    const double nb = static_cast<double>(m_count[b]);
    // Leaving a region of na zones with mean m lowers its SSD by na/(na-1)|x-m|^2; joining one of
    // nb zones raises it by nb/(nb+1)|x-m|^2 (the update formulas of Ward's method).
    double da = 0.0;
    double db = 0.0;
    for (std::size_t c = 0; c < m_cols; ++c) {
        const double ea = x[c] - m_sum[a * m_cols + c] / na;
        const double eb = x[c] - m_sum[b * m_cols + c] / nb;
        da += ea * ea;
        db += eb * eb;
    }
    const double leave = na > 1.0 ? na / (na - 1.0) * da : 0.0;
    return nb / (nb + 1.0) * db - leave;
}

double RegionState::region_violation(std::size_t b, double total) const {
    const Bound& bound = (*m_bounds)[b];
    const double out = std::max(0.0, bound.min - total) + std::max(0.0, total - bound.max);
    return out / m_scale[b];
}

double RegionState::violation() const {
    double sum = 0.0;
    const std::size_t k = static_cast<std::size_t>(m_k);
    for (std::size_t b = 0; b < m_bounds->size(); ++b) {
        for (std::size_t r = 0; r < k; ++r) sum += region_violation(b, m_total[b * k + r]);
    }
    return sum;
}

double RegionState::violation_delta(ZoneId z, RegionId to) const {
    const std::size_t k = static_cast<std::size_t>(m_k);
    const std::size_t a = static_cast<std::size_t>(region(z));
    const std::size_t t = static_cast<std::size_t>(to);
    double delta = 0.0;
    for (std::size_t b = 0; b < m_bounds->size(); ++b) {
        const double v = (*m_bounds)[b].values[static_cast<std::size_t>(z)];
        const double ta = m_total[b * k + a];
        const double tb = m_total[b * k + t];
        delta += region_violation(b, ta - v) - region_violation(b, ta) + region_violation(b, tb + v) -
                 region_violation(b, tb);
    }
    return delta;
}

bool RegionState::bounds_hold_after(ZoneId z, RegionId to) const {
    const std::size_t k = static_cast<std::size_t>(m_k);
    const std::size_t a = static_cast<std::size_t>(region(z));
    const std::size_t t = static_cast<std::size_t>(to);
    for (std::size_t b = 0; b < m_bounds->size(); ++b) {
        const Bound& bound = (*m_bounds)[b];
        const double v = bound.values[static_cast<std::size_t>(z)];
        const double ta = m_total[b * k + a] - v;
        const double tb = m_total[b * k + t] + v;
        if (ta < bound.min || ta > bound.max || tb < bound.min || tb > bound.max) return false;
    }
    return true;
}

bool RegionState::donor_stays_connected(ZoneId z) {
    const RegionId a = region(z);
    if (size(a) <= 1) return false;
    m_sources.clear();
    for (const ZoneId* it = m_graph->begin(z); it != m_graph->end(z); ++it) {
        if (region(*it) == a) m_sources.push_back(*it);
    }
    const std::size_t s = m_sources.size();
    if (s <= 1) return true;  // no path through z can enter and leave it inside the region
    if (++m_epoch == 0) {
        std::fill(m_stamp.begin(), m_stamp.end(), 0U);
        m_epoch = 1;
    }
    // One breadth-first search from all of z's neighbours at once, each zone labelled by the
    // neighbour that reached it. Labels that meet are joined (union-find); each group counts its
    // zones still queued. All joined: connected. A group with nothing left queued while others
    // remain: it is a piece cut off by z. Work is bounded by the pieces' sizes, not the region's.
    m_parent.resize(s);
    m_pending.assign(s, 1);
    m_queue.clear();
    m_stamp[static_cast<std::size_t>(z)] = m_epoch;
    m_owner[static_cast<std::size_t>(z)] = -1;
    for (std::size_t i = 0; i < s; ++i) {
        m_parent[i] = static_cast<int>(i);
        m_queue.push_back(m_sources[i]);
        m_stamp[static_cast<std::size_t>(m_sources[i])] = m_epoch;
        m_owner[static_cast<std::size_t>(m_sources[i])] = static_cast<int>(i);
    }
    std::size_t groups = s;
    for (std::size_t head = 0; head < m_queue.size(); ++head) {
        const ZoneId u = m_queue[head];
        const int label = m_owner[static_cast<std::size_t>(u)];
        for (const ZoneId* it = m_graph->begin(u); it != m_graph->end(u); ++it) {
            const std::size_t v = static_cast<std::size_t>(*it);
            if (m_region_of[v] != a) continue;
            if (m_stamp[v] != m_epoch) {
                m_stamp[v] = m_epoch;
                m_owner[v] = label;
                m_queue.push_back(*it);
                ++m_pending[static_cast<std::size_t>(find_root(m_parent, label))];
            } else if (m_owner[v] >= 0) {
                const int ri = find_root(m_parent, label);
                const int rj = find_root(m_parent, m_owner[v]);
                if (ri != rj) {
                    m_parent[static_cast<std::size_t>(rj)] = ri;
                    m_pending[static_cast<std::size_t>(ri)] += m_pending[static_cast<std::size_t>(rj)];
                    if (--groups == 1) return true;
                }
            }
        }
        if (--m_pending[static_cast<std::size_t>(find_root(m_parent, label))] == 0) return false;
    }
    return groups == 1;
}

std::vector<std::vector<ZoneId>> RegionState::pieces_without(ZoneId z) const {
    const RegionId a = region(z);
    std::vector<std::vector<ZoneId>> pieces;
    std::vector<char> seen(m_region_of.size(), 0);
    seen[static_cast<std::size_t>(z)] = 1;
    for (const ZoneId* start = m_graph->begin(z); start != m_graph->end(z); ++start) {
        if (region(*start) != a || seen[static_cast<std::size_t>(*start)] != 0) continue;
        std::vector<ZoneId> piece{*start};
        seen[static_cast<std::size_t>(*start)] = 1;
        for (std::size_t i = 0; i < piece.size(); ++i) {
            for (const ZoneId* it = m_graph->begin(piece[i]); it != m_graph->end(piece[i]); ++it) {
                if (region(*it) == a && seen[static_cast<std::size_t>(*it)] == 0) {
                    seen[static_cast<std::size_t>(*it)] = 1;
                    piece.push_back(*it);
                }
            }
        }
        pieces.push_back(std::move(piece));
    }
    std::stable_sort(pieces.begin(), pieces.end(),
                     [](const auto& x, const auto& y) { return x.size() > y.size(); });
    return pieces;
}

double RegionState::bound_sum(std::size_t b, const std::vector<ZoneId>& zones) const {
    double sum = 0.0;
    for (const ZoneId z : zones) sum += (*m_bounds)[b].values[static_cast<std::size_t>(z)];
    return sum;
}

void RegionState::move(ZoneId z, RegionId to) {
    const std::size_t zi = static_cast<std::size_t>(z);
    const std::size_t a = static_cast<std::size_t>(m_region_of[zi]);
    const std::size_t b = static_cast<std::size_t>(to);
    const std::size_t k = static_cast<std::size_t>(m_k);
    m_wss += wss_delta(z, to);
    if (m_disruption) m_disruption->move(z, m_region_of[zi], to);
    if (m_lambda > 0.0) {
        const double before = inverse_polsby_popper(m_perimeter[a], m_area[a]) +
                              inverse_polsby_popper(m_perimeter[b], m_area[b]);
        const double za = m_shapes->area[zi];
        const double zp = m_shapes->perimeter[zi];
        m_perimeter[a] += 2.0 * shared_with(z, m_region_of[zi]) - zp;
        m_perimeter[b] += zp - 2.0 * shared_with(z, to);
        m_area[a] -= za;
        m_area[b] += za;
        m_shape_sum += inverse_polsby_popper(m_perimeter[a], m_area[a]) +
                       inverse_polsby_popper(m_perimeter[b], m_area[b]) - before;
    }
    const double* x = m_data.data() + zi * m_cols;
    for (std::size_t c = 0; c < m_cols; ++c) {
        m_sum[a * m_cols + c] -= x[c];
        m_sum[b * m_cols + c] += x[c];
        m_sumsq[a] -= x[c] * x[c];
        m_sumsq[b] += x[c] * x[c];
    }
    --m_count[a];
    ++m_count[b];
    for (std::size_t bd = 0; bd < m_bounds->size(); ++bd) {
        const double v = (*m_bounds)[bd].values[zi];
        m_total[bd * k + a] -= v;
        m_total[bd * k + b] += v;
    }
    m_region_of[zi] = to;
    refresh_boundary(z);
    for (const ZoneId* it = m_graph->begin(z); it != m_graph->end(z); ++it) refresh_boundary(*it);
}

void RegionState::refresh_boundary(ZoneId z) {
    const std::size_t zi = static_cast<std::size_t>(z);
    bool on = false;
    for (const ZoneId* it = m_graph->begin(z); it != m_graph->end(z) && !on; ++it) {
        on = m_region_of[static_cast<std::size_t>(*it)] != m_region_of[zi];
    }
    const bool was = m_boundary_pos[zi] >= 0;
    if (on && !was) {
        m_boundary_pos[zi] = static_cast<std::ptrdiff_t>(m_boundary.size());
        m_boundary.push_back(z);
    } else if (!on && was) {
        const std::size_t pos = static_cast<std::size_t>(m_boundary_pos[zi]);
        const ZoneId last = m_boundary.back();
        m_boundary[pos] = last;
        m_boundary_pos[static_cast<std::size_t>(last)] = static_cast<std::ptrdiff_t>(pos);
        m_boundary.pop_back();
        m_boundary_pos[zi] = -1;
    }
}

}  // namespace locality::regionalize::detail
