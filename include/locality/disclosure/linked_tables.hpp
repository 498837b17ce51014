// SPDX-License-Identifier: MIT
// Linked tables protected jointly (issue 18 items 3 and 6, docs/decisions/ "linked-table
// protection"): the table of areas x categories and the tables of the groups (localities) that
// partitions of the areas make, each group's counts the sums of its areas'. One base pattern for the
// area table whatever the partitions, and the group tables widened until, read together with it,
// they narrow no small count. Standard library only in this interface.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "locality/disclosure/count_table.hpp"
#include "locality/disclosure/lp_ranges.hpp"

namespace locality::disclosure {

/** Counts of areas x categories and the partitions of the areas into groups published with them. */
struct LinkedTables {
    std::vector<std::vector<std::int64_t>> counts;     ///< [area][category]
    std::vector<std::int64_t> totals;                  ///< [area]: its total over the categories
    std::vector<std::int64_t> category_totals;         ///< published whatever happens (the run's totals)
    std::vector<std::vector<std::size_t>> partitions;  ///< [partition][area]: the area's group
    std::vector<std::size_t> group_counts;             ///< [partition]: how many groups it has
    /**
     * Earlier releases (decision 0041): the patterns of the last `released.size()` partitions, already
     * published. They enter the joint audit as they are and are never changed: only the other
     * partitions' group counts are withheld around them.
     */
    std::vector<Withheld> released;
};

/** The withheld counts of linked tables. */
struct LinkedWithheld {
    Withheld areas;                ///< the base pattern: the area table's, whatever the partitions
    std::vector<Withheld> groups;  ///< per partition not released: groups x categories
    bool jointly_audited = true;   ///< false: too large for the joint audit (k_joint_audit_values)
    bool all_groups_withheld =
        false;                 ///< every group count withheld (a sweep too large, or the fallback below)
    std::size_t added = 0;     ///< group counts withheld by the joint audit beyond each table's own
    std::size_t narrowed = 0;  ///< small counts the joint audit could not widen (0 when protected)
    /**
     * Small counts that withholding some group counts left narrowed, and withholding all of them
     * protects (decision 0042): non-zero when that is why `all_groups_withheld`.
     */
    std::size_t narrowed_unless_all_withheld = 0;
};

/**
 * The largest joint system (area and group values) audited by linear programs; a larger one keeps
 * each table's own protection and says so (LinkedWithheld::jointly_audited).
 */
inline constexpr std::size_t k_joint_audit_values = 100000;

/**
 * The most partitions always audited together: the LP grows with each, and on the demo a sweep of 8
 * took minutes of GLPK (docs/performance.md). A sweep of more is audited together while its group
 * values stay within k_joint_audit_group_values; beyond, every group count is withheld
 * (LinkedWithheld::all_groups_withheld): such a sweep publishes no locality count (decision 0040).
 */
inline constexpr std::size_t k_joint_audit_partitions = 3;

/**
 * The most group values (all partitions' groups x (categories + 1)) of a sweep of more than
 * k_joint_audit_partitions audited together: small sweeps of any length (decision 0040).
 */
inline constexpr std::size_t k_joint_audit_group_values = 1000;

/**
 * The base pattern: the area table suppressed on its own (CountTable, with the all-in-one-category
 * check), the same whatever the partitions, so that any two products of the same counts show the
 * same area counts withheld. Then each group table suppressed on its own, and, while the LP ranges
 * (LpRanges) of the whole system (area table, every group table, every group count a sum of its
 * areas' counts, `windows`) narrow a small count below what withholding everything would give, the
 * cheapest published group count in a sum that binds it (zeros last) is withheld with its table's
 * secondary suppression. The released partitions (LinkedTables::released) take part in the audit
 * with their patterns locked; the result has a pattern for each other partition. Value indices of
 * `windows`: see linked_value_index(). Deterministic.
 */
LinkedWithheld protect_linked(const LinkedTables& tables, std::int64_t threshold,
                              const std::vector<Window>& windows = {});

/** Where the counts of linked tables sit in the joint system that `windows` refer to. */
struct LinkedIndex {
    std::size_t categories = 0;
    std::vector<std::size_t> partition_start;  ///< [partition]: index of its first group value
    /** The value of area `area`'s count of `category` (`category` == categories: its total). */
    std::size_t area(std::size_t area, std::size_t category) const {
        return area * (categories + 1) + category;
    }
    /** The value of group `group` of `partition` (`category` == categories: its total). */
    std::size_t group(std::size_t partition, std::size_t group, std::size_t category) const {
        return partition_start[partition] + group * (categories + 1) + category;
    }
};
LinkedIndex linked_index(const LinkedTables& tables);

/**
 * The reader's prior on the joint system (prior_bounds()), except that a partition whose every count
 * is withheld, whatever the counts, tells nothing of which of them are small: its values are only
 * known to be >= 0 (decision 0042). `all`: the patterns of every partition, released ones included.
 */
std::vector<Range> linked_prior(const AdditiveTable& joint, const LinkedIndex& at, const LinkedWithheld& all,
                                const std::vector<bool>& withheld, std::int64_t threshold);

/**
 * The attacker's audit of linked tables as published: the small counts (1 to `threshold` - 1) among
 * the withheld ones whose LP range over everything published is narrower than with every count
 * withheld. `withheld.groups`: one pattern per partition not released (the released ones are
 * `tables.released`). Indices as LinkedIndex. Empty when the publication is protected.
 */
std::vector<std::size_t> narrowed_jointly(const LinkedTables& tables, const LinkedWithheld& withheld,
                                          std::int64_t threshold, const std::vector<Window>& windows = {});

}  // namespace locality::disclosure
