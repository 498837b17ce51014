// SPDX-License-Identifier: MIT
// The feasible range of withheld values when the published figures are not one table: linked
// tables (areas and the localities they add up to, several scenarios' localities over the same
// areas) and shares, whose sums are no longer a graph. Linear-programming bounds (the attacker
// audit's record and the linked-table record in docs/decisions/). The solver stays behind this
// interface: no solver type in it.
#pragma once

#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

#include "locality/disclosure/ranges.hpp"
#include "locality/disclosure/suppression.hpp"

namespace locality::disclosure {

/**
 * A published figure that is a linear constraint on the counts without being a sum: `low` <=
 * sum of coefficient x value <= `high` (a share given to a precision, a rate; `low` == `high` when
 * it is exact).
 */
struct Window {
    std::vector<std::pair<std::size_t, double>> terms;  ///< (value, coefficient)
    double low = 0.0;
    double high = 0.0;
};

/**
 * The least and greatest value of withheld values over the real solutions of a table's sums and
 * windows, with the published values as they are and each withheld value within its bounds, rounded
 * inwards to whole numbers (the counts are whole). One linear program, re-solved from the last basis
 * for each question. With integer bounds these ranges contain the integer ones, so a value whose
 * LP range is wide enough is protected; on a graph of sums they are equal (feasible_ranges()).
 */
class LpRanges {
public:
    LpRanges(const AdditiveTable& table, const std::vector<bool>& withheld, const std::vector<Range>& bounds,
             const std::vector<Window>& windows = {});
    ~LpRanges();
    LpRanges(const LpRanges&) = delete;
    LpRanges& operator=(const LpRanges&) = delete;

    /** The range of withheld value `v` ([v, v] for a published one); low > high when nothing fits. */
    Range range(std::size_t v);

    /**
     * range() of each of `values`, found together: each column's bounds implied by a single
     * constraint (the others at their bounds) cannot be beaten, so a solution seen there settles that
     * end. The sum of the unsettled values is optimised, an optimal vertex settles most, and a value
     * no sum settles is optimised alone. The same answers as range(), with a few programs for
     * thousands of values instead of two each.
     */
    std::vector<Range> ranges(const std::vector<std::size_t>& values);

    /**
     * Whether withheld value `v` can take `low` and `high` (and so every value between). Each solution
     * found on the way is a witness for every value, so most questions need no solving.
     */
    bool reaches(std::size_t v, std::int64_t low, std::int64_t high);

    /**
     * Which of withheld values `values` can each take their lower bound: one linear program for all
     * of them when they can together (the least sum is the sum of the bounds), halves otherwise. What
     * a group shows holds for each of its values, so a few programs answer for thousands.
     */
    std::vector<bool> reach_lower_bounds(const std::vector<std::size_t>& values);

    /**
     * The published unlocked values in the sums that hold withheld value `v` at its least
     * (`high` false) or greatest value (the sums with a non-zero dual at that optimum): withholding
     * one of them may widen v's range that way. In increasing order.
     */
    std::vector<std::size_t> binding(std::size_t v, bool high);

private:
    struct Solver;
    std::unique_ptr<Solver> solver_;
};

}  // namespace locality::disclosure
