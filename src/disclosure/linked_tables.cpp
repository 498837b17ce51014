// SPDX-License-Identifier: MIT
// Linked tables protected jointly: one base pattern for the areas, group tables widened by an LP audit.
#include "locality/disclosure/linked_tables.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <tuple>

namespace locality::disclosure {

namespace {

/** The joint system of linked tables: every count and every sum a reader holds, as one AdditiveTable. */
AdditiveTable joint_table(const LinkedTables& t, const LinkedIndex& at) {
    const std::size_t areas = t.counts.size();
    const std::size_t categories = at.categories;
    AdditiveTable table;
    for (std::size_t z = 0; z < areas; ++z) {
        for (std::size_t c = 0; c < categories; ++c) {
            table.add(t.counts[z][c]);
        }
        table.add(t.totals[z]);
    }
    for (std::size_t p = 0; p < t.partitions.size(); ++p) {
        std::vector<std::vector<std::int64_t>> sums(t.group_counts[p],
                                                    std::vector<std::int64_t>(categories + 1, 0));
        for (std::size_t z = 0; z < areas; ++z) {
            for (std::size_t c = 0; c < categories; ++c) {
                sums[t.partitions[p][z]][c] += t.counts[z][c];
            }
            sums[t.partitions[p][z]][categories] += t.totals[z];
        }
        for (const std::vector<std::int64_t>& row : sums) {
            for (const std::int64_t value : row) {
                table.add(value);
            }
        }
    }
    // Area rows, the columns under the run's totals, the grand total.
    std::vector<AdditiveTable::Sum> columns(categories + 1);
    for (std::size_t c = 0; c <= categories; ++c) {
        const std::int64_t total = c < categories ? t.category_totals[c]
                                                  : std::accumulate(t.category_totals.begin(),
                                                                    t.category_totals.end(), std::int64_t{0});
        columns[c].total = table.add(total, true);
    }
    for (std::size_t z = 0; z < areas; ++z) {
        AdditiveTable::Sum row{at.area(z, categories), {}};
        for (std::size_t c = 0; c < categories; ++c) {
            row.parts.push_back(at.area(z, c));
        }
        table.sums.push_back(std::move(row));
        for (std::size_t c = 0; c <= categories; ++c) {
            columns[c].parts.push_back(at.area(z, c));
        }
    }
    for (AdditiveTable::Sum& column : columns) {
        table.sums.push_back(std::move(column));
    }
    // Each group count is the sum of its areas' (its column sums follow from these).
    for (std::size_t p = 0; p < t.partitions.size(); ++p) {
        std::vector<std::vector<AdditiveTable::Sum>> sums(t.group_counts[p],
                                                          std::vector<AdditiveTable::Sum>(categories + 1));
        for (std::size_t g = 0; g < t.group_counts[p]; ++g) {
            for (std::size_t c = 0; c <= categories; ++c) {
                sums[g][c].total = at.group(p, g, c);
            }
        }
        for (std::size_t z = 0; z < areas; ++z) {
            for (std::size_t c = 0; c <= categories; ++c) {
                sums[t.partitions[p][z]][c].parts.push_back(at.area(z, c));
            }
        }
        for (std::size_t g = 0; g < t.group_counts[p]; ++g) {
            for (AdditiveTable::Sum& sum : sums[g]) {
                table.sums.push_back(std::move(sum));
            }
            // The group's row (implied by the others, but it ties the group's counts together).
            AdditiveTable::Sum row{at.group(p, g, categories), {}};
            for (std::size_t c = 0; c < categories; ++c) {
                row.parts.push_back(at.group(p, g, c));
            }
            table.sums.push_back(std::move(row));
        }
    }
    return table;
}

/** The joint system's withheld flags from each table's pattern. */
std::vector<bool> joint_withheld(const LinkedIndex& at, const LinkedWithheld& w, std::size_t values) {
    std::vector<bool> out(values, false);
    const std::size_t categories = at.categories;
    auto put = [&](const Withheld& table, auto index) {
        for (std::size_t r = 0; r < table.totals.size(); ++r) {
            for (std::size_t c = 0; c < categories; ++c) {
                out[index(r, c)] = table.cells[r][c];
            }
            out[index(r, categories)] = table.totals[r];
        }
    };
    put(w.areas, [&](std::size_t r, std::size_t c) { return at.area(r, c); });
    for (std::size_t p = 0; p < w.groups.size(); ++p) {
        put(w.groups[p], [&](std::size_t r, std::size_t c) { return at.group(p, r, c); });
    }
    return out;
}

bool is_small(const AdditiveTable& table, std::size_t v, std::int64_t threshold) {
    return !table.locked[v] && table.values[v] > 0 && table.values[v] < threshold;
}

/**
 * The small withheld values among `candidates` narrowed below their best range (every unlocked
 * value withheld), with the side each lacks (true: its greatest value).
 */
class JointAudit {
public:
    JointAudit(const AdditiveTable& table, std::int64_t threshold, const std::vector<Window>& windows)
        : table_(table), threshold_(threshold), windows_(windows) {}

    /** Every range in one batch (LpRanges::ranges()): a few programs for thousands of values. */
    std::vector<std::pair<std::size_t, bool>> narrowed_together(const std::vector<std::size_t>& candidates,
                                                                LpRanges& lp) {
        const std::vector<Range> found = lp.ranges(candidates);
        std::vector<std::size_t> short_of_prior;
        std::vector<Range> ranges;
        for (std::size_t i = 0; i < candidates.size(); ++i) {
            if (found[i].low > 1 || found[i].high < threshold_ - 1) {
                short_of_prior.push_back(candidates[i]);
                ranges.push_back(found[i]);
            }
        }
        return beyond_best(short_of_prior, ranges);
    }

private:
    /** Which of `values` (with their `ranges`) are narrower than their best ranges, and on which side. */
    std::vector<std::pair<std::size_t, bool>> beyond_best(const std::vector<std::size_t>& values,
                                                          const std::vector<Range>& ranges) {
        // Their best ranges together (another program: the audited program's questions, and so its
        // basis, stay as they were).
        const std::vector<Range> best = best_ranges(values);
        std::vector<std::pair<std::size_t, bool>> out;
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (ranges[i].high < best[i].high) {
                out.emplace_back(values[i], true);
            } else if (ranges[i].low > best[i].low) {
                out.emplace_back(values[i], false);
            }
        }
        return out;
    }

    /** The ranges of small values `values` with every unlocked value withheld (what no suppression beats). */
    std::vector<Range> best_ranges(const std::vector<std::size_t>& values) {
        if (!best_ && !values.empty()) {
            std::vector<bool> all(table_.values.size());
            for (std::size_t i = 0; i < all.size(); ++i) {
                all[i] = !table_.locked[i];
            }
            best_.emplace(table_, all, prior_bounds(table_, all, threshold_), windows_);
        }
        std::vector<std::size_t> unknown;
        for (const std::size_t v : values) {
            if (cache_.count(v) == 0) {
                unknown.push_back(v);
            }
        }
        if (!unknown.empty()) {
            std::sort(unknown.begin(), unknown.end());
            unknown.erase(std::unique(unknown.begin(), unknown.end()), unknown.end());
            const std::vector<Range> found = best_->ranges(unknown);
            for (std::size_t i = 0; i < unknown.size(); ++i) {
                cache_[unknown[i]] = found[i];
            }
        }
        std::vector<Range> out;
        for (const std::size_t v : values) {
            out.push_back(cache_[v]);
        }
        return out;
    }

    const AdditiveTable& table_;
    std::int64_t threshold_;
    const std::vector<Window>& windows_;
    std::optional<LpRanges> best_;
    std::map<std::size_t, Range> cache_;
};

/**
 * The published group values tied to value v through one sum: v's own sums' other members, and the
 * members of the sums that hold those (a group count, its areas' counts, the group's row).
 */
std::vector<std::size_t> holders(const AdditiveTable& joint, std::size_t v,
                                 const std::vector<bool>& withheld) {
    std::vector<std::size_t> near{v};
    for (int round = 0; round < 2; ++round) {
        std::vector<std::size_t> next = near;
        for (const AdditiveTable::Sum& sum : joint.sums) {
            const bool holds = std::find(near.begin(), near.end(), sum.total) != near.end() ||
                               std::any_of(sum.parts.begin(), sum.parts.end(), [&](std::size_t p) {
                                   return std::find(near.begin(), near.end(), p) != near.end();
                               });
            if (holds && !joint.locked[sum.total]) {
                next.push_back(sum.total);
                next.insert(next.end(), sum.parts.begin(), sum.parts.end());
            }
        }
        std::sort(next.begin(), next.end());
        next.erase(std::unique(next.begin(), next.end()), next.end());
        near = std::move(next);
    }
    std::vector<std::size_t> out;
    for (const std::size_t b : near) {
        if (!withheld[b] && !joint.locked[b]) {
            out.push_back(b);
        }
    }
    return out;
}

void close_under_run_totals(const LinkedTables& t, CountTable& table) {
    table.close(t.category_totals, std::vector<bool>(t.category_totals.size(), true),
                std::accumulate(t.category_totals.begin(), t.category_totals.end(), std::int64_t{0}), true);
}

/** Sums a group table's counts from its areas'. */
CountTable group_table(const LinkedTables& t, std::size_t p) {
    const std::size_t categories = t.category_totals.size();
    std::vector<std::vector<std::int64_t>> cells(t.group_counts[p], std::vector<std::int64_t>(categories, 0));
    std::vector<std::int64_t> totals(t.group_counts[p], 0);
    for (std::size_t z = 0; z < t.counts.size(); ++z) {
        const std::size_t g = t.partitions[p][z];
        for (std::size_t c = 0; c < categories; ++c) {
            cells[g][c] += t.counts[z][c];
        }
        totals[g] += t.totals[z];
    }
    CountTable table(categories);
    for (std::size_t g = 0; g < cells.size(); ++g) {
        table.add_row(cells[g], totals[g]);
    }
    close_under_run_totals(t, table);
    return table;
}

Withheld empty_pattern(std::size_t rows, std::size_t categories) {
    return {std::vector<std::vector<bool>>(rows, std::vector<bool>(categories, false)),
            std::vector<bool>(rows, false), 0};
}

}  // namespace

namespace {

/**
 * The values of the partitions whose every count is withheld, whatever the counts (decision 0042):
 * such a table adds nothing a reader can use, so its values are neither known to be small nor
 * audited (what a reader learns of them, the other tables say without it).
 */
std::vector<bool> all_null_values(const LinkedIndex& at, const LinkedWithheld& all, std::size_t values) {
    std::vector<bool> out(values, false);
    auto withheld = [](bool w) { return w; };
    for (std::size_t p = 0; p < all.groups.size() && p < at.partition_start.size(); ++p) {
        const Withheld& groups = all.groups[p];
        const bool every =
            std::all_of(groups.totals.begin(), groups.totals.end(), withheld) &&
            std::all_of(groups.cells.begin(), groups.cells.end(), [&](const std::vector<bool>& row) {
                return std::all_of(row.begin(), row.end(), withheld);
            });
        for (std::size_t g = 0; every && g < groups.totals.size(); ++g) {
            for (std::size_t c = 0; c <= at.categories; ++c) {
                out[at.group(p, g, c)] = true;
            }
        }
    }
    return out;
}

/** The small values of `joint` that the audit looks at: not those of an all-null partition. */
std::vector<std::size_t> audited_small_values(const AdditiveTable& joint, const LinkedIndex& at,
                                              const LinkedWithheld& all, std::int64_t threshold) {
    const std::vector<bool> all_null = all_null_values(at, all, joint.values.size());
    std::vector<std::size_t> out;
    for (std::size_t v = 0; v < joint.values.size(); ++v) {
        if (is_small(joint, v, threshold) && !all_null[v]) {
            out.push_back(v);
        }
    }
    return out;
}

}  // namespace

std::vector<Range> linked_prior(const AdditiveTable& joint, const LinkedIndex& at, const LinkedWithheld& all,
                                const std::vector<bool>& withheld, std::int64_t threshold) {
    std::vector<Range> out = prior_bounds(joint, withheld, threshold);
    const std::vector<bool> all_null = all_null_values(at, all, joint.values.size());
    for (std::size_t v = 0; v < out.size(); ++v) {
        if (all_null[v]) {
            out[v] = Range{};  // only >= 0
        }
    }
    return out;
}

LinkedIndex linked_index(const LinkedTables& tables) {
    LinkedIndex out;
    out.categories = tables.category_totals.size();
    std::size_t next = tables.counts.size() * (out.categories + 1);
    for (const std::size_t groups : tables.group_counts) {
        out.partition_start.push_back(next);
        next += groups * (out.categories + 1);
    }
    return out;
}

namespace {

/** One table of a joint system whose pattern the joint audit may widen. */
struct Block {
    const CountTable* table = nullptr;
    Withheld* pattern = nullptr;  ///< its withheld counts (in the LinkedWithheld audited)
    Withheld extra;               ///< counts the joint audit withholds, with what was withheld before
    std::size_t start = 0;        ///< index of its first value in the joint system
    std::size_t rows = 0;
    bool one_category_check = false;
};

/**
 * Widens the blocks' patterns until no small value of `joint` is narrowed (JointAudit): for each
 * narrowed one, the cheapest published value of a block in a sum that binds it (zeros last, then
 * the smallest), withheld with its table's own secondary suppression. Returns how many narrowed
 * values no block value could widen.
 */
std::size_t widen_jointly(const AdditiveTable& joint, const LinkedIndex& at, LinkedWithheld& out,
                          std::vector<Block>& blocks, std::int64_t threshold,
                          const std::vector<Window>& windows) {
    const std::size_t width = at.categories + 1;
    auto block_of = [&](std::size_t v) -> Block* {
        for (Block& b : blocks) {
            if (v >= b.start && v < b.start + b.rows * width) {
                return &b;
            }
        }
        return nullptr;
    };
    JointAudit audit(joint, threshold, windows);
    std::vector<std::size_t> candidates = audited_small_values(joint, at, out, threshold);
    // Whether withholding every count of the blocks would widen v (else the narrowing comes from
    // counts the blocks cannot change, with the reader's prior on the withheld small ones).
    // Asked for every narrowed value of a round at once (the answers do not depend on the order).
    std::optional<LpRanges> everything;
    auto unreachable = [&](const std::vector<std::pair<std::size_t, bool>>& found) {
        std::set<std::size_t> out_of_reach;
        if (found.empty()) {
            return out_of_reach;
        }
        if (!everything) {
            std::vector<bool> withheld = joint_withheld(at, out, joint.values.size());
            for (const Block& block : blocks) {
                std::fill(withheld.begin() + static_cast<long>(block.start),
                          withheld.begin() + static_cast<long>(block.start + block.rows * width), true);
            }
            everything.emplace(joint, withheld, prior_bounds(joint, withheld, threshold), windows);
        }
        std::vector<std::size_t> values;
        for (const auto& f : found) {
            values.push_back(f.first);
        }
        for (const auto& still : audit.narrowed_together(values, *everything)) {
            out_of_reach.insert(still.first);
        }
        return out_of_reach;
    };
    std::size_t left = 0;
    while (!candidates.empty()) {
        const std::vector<bool> withheld = joint_withheld(at, out, joint.values.size());
        LpRanges lp(joint, withheld, linked_prior(joint, at, out, withheld, threshold), windows);
        // Every range of the round in one batch (decision 0040): binding() below then starts from the
        // basis these questions leave, which can pick another, equally protecting, published count.
        const std::vector<std::pair<std::size_t, bool>> found = audit.narrowed_together(candidates, lp);
        const std::set<std::size_t> out_of_reach = unreachable(found);
        candidates.clear();
        std::vector<Block*> changed;
        for (const auto& [v, high] : found) {
            if (out_of_reach.count(v) != 0) {
                ++left;  // narrowed even with every count of the blocks withheld: nothing to do here
                continue;
            }
            std::optional<std::tuple<bool, std::int64_t, std::size_t>> best;
            auto consider = [&](const std::vector<std::size_t>& values) {
                for (const std::size_t b : values) {
                    const std::tuple<bool, std::int64_t, std::size_t> cost{joint.values[b] == 0,
                                                                           joint.values[b], b};
                    if (block_of(b) != nullptr && !withheld[b] && (!best || cost < *best)) {
                        best = cost;
                    }
                }
            };
            consider(lp.binding(v, high));
            if (!best) {
                // No published value binds it (a degenerate optimum): those of the sums near it.
                consider(holders(joint, v, withheld));
            }
            if (!best) {
                ++left;
                continue;
            }
            const std::size_t b = std::get<2>(*best);
            Block& block = *block_of(b);
            const std::size_t row = (b - block.start) / width;
            const std::size_t column = (b - block.start) % width;
            if (column == at.categories) {
                block.extra.totals[row] = true;
            } else {
                block.extra.cells[row][column] = true;
            }
            changed.push_back(&block);
            candidates.push_back(v);
        }
        for (Block& block : blocks) {
            if (std::find(changed.begin(), changed.end(), &block) == changed.end()) {
                continue;
            }
            // Everything withheld so far stays withheld: ranges only widen, so one look at each
            // value that was protected suffices.
            for (std::size_t r = 0; r < block.rows; ++r) {
                for (std::size_t c = 0; c < at.categories; ++c) {
                    block.extra.cells[r][c] = block.extra.cells[r][c] || block.pattern->cells[r][c];
                }
                block.extra.totals[r] = block.extra.totals[r] || block.pattern->totals[r];
            }
            *block.pattern = Withheld{};
            block.pattern->count =
                block.table->suppress_into(*block.pattern, threshold, block.one_category_check, &block.extra);
        }
        std::sort(candidates.begin(), candidates.end());
        candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    }
    return left;
}

/**
 * A sweep too large to audit jointly: each partition protected on its own would let a reader subtract
 * overlapping groups of two, so every group count is withheld and such a sweep publishes only what
 * is not a group count (decision 0040).
 */
void withhold_every_group(const LinkedTables& t, std::size_t own_partitions, LinkedWithheld& out) {
    const std::size_t categories = t.category_totals.size();
    for (std::size_t p = 0; p < own_partitions; ++p) {
        Withheld all;
        all.cells.assign(t.group_counts[p], std::vector<bool>(categories, true));
        all.totals.assign(t.group_counts[p], true);
        all.count = t.group_counts[p] * (categories + 1);
        out.groups.push_back(std::move(all));
    }
    out.all_groups_withheld = true;
}

/**
 * What the repair leaves narrowed comes from counts it may not change (the base pattern, the
 * releases) with the reader's prior on this run's withheld small counts: a reader who knows such a
 * count is from 1 to N-1 bounds the areas it adds up. Withholding every count of this run's
 * partitions, whatever their size, takes that prior away (nulls that do not depend on the counts say
 * nothing of which are small: linked_prior()), so when that leaves fewer narrowed, `out` becomes
 * that pattern (decision 0042). `out.groups`: this run's patterns, then the released ones.
 */
void withhold_all_if_it_protects(const LinkedTables& t, std::size_t own_partitions, std::int64_t threshold,
                                 const std::vector<Window>& windows, LinkedWithheld& out) {
    LinkedWithheld all;
    all.areas = out.areas;
    withhold_every_group(t, own_partitions, all);
    const std::size_t left = narrowed_jointly(t, all, threshold, windows).size();
    if (left >= out.narrowed) {
        return;  // the narrowing does not come from this run's prior: keep the counts published
    }
    all.narrowed_unless_all_withheld = out.narrowed;
    all.narrowed = left;
    all.groups.insert(all.groups.end(), t.released.begin(), t.released.end());
    out = std::move(all);
}

/** protect_linked() with a pattern for every partition, the released ones' as given. */
LinkedWithheld protect_with_released(const LinkedTables& t, std::int64_t threshold,
                                     const std::vector<Window>& windows) {
    const std::size_t categories = t.category_totals.size();
    // The partitions this run protects; the released ones follow them (LinkedTables::released).
    const std::size_t own_partitions = t.partitions.size() - t.released.size();
    LinkedWithheld out;
    CountTable areas(categories);
    for (std::size_t z = 0; z < t.counts.size(); ++z) {
        areas.add_row(t.counts[z], t.totals[z]);
    }
    close_under_run_totals(t, areas);
    out.areas.count = areas.suppress_into(out.areas, threshold, true);
    const LinkedIndex at = linked_index(t);
    std::size_t group_values = 0;
    for (const std::size_t groups : t.group_counts) {
        group_values += groups * (categories + 1);
    }
    const bool too_many_groups =
        t.partitions.size() > k_joint_audit_partitions && group_values > k_joint_audit_group_values;
    const bool too_many_values =
        t.counts.size() * (categories + 1) > k_joint_audit_values ||
        (!at.partition_start.empty() &&
         at.partition_start.back() + t.group_counts.back() * (categories + 1) > k_joint_audit_values);
    out.jointly_audited = !too_many_groups && !too_many_values;
    if (threshold > 2 && too_many_values && t.partitions.size() > 1) {
        withhold_every_group(t, own_partitions, out);
        return out;
    }
    if (threshold <= 2 || too_many_values) {
        for (std::size_t p = 0; p < own_partitions; ++p) {
            const CountTable groups = group_table(t, p);
            out.groups.emplace_back();
            out.groups.back().count = groups.suppress_into(out.groups.back(), threshold);
        }
        return out;
    }
    // The base pattern: the area table audited on its own by linear programs too (the flows' repair
    // can leave a count narrowed), from the counts alone, so the same for every product.
    {
        LinkedTables alone = t;
        alone.partitions.clear();
        alone.group_counts.clear();
        alone.released.clear();
        const AdditiveTable joint = joint_table(alone, linked_index(alone));
        // One table: its sums are a graph, where the flows give the LP's ranges much faster.
        if (!narrowed(joint, joint_withheld(linked_index(alone), out, joint.values.size()), threshold)
                 .empty()) {
            std::vector<Block> blocks{
                {&areas, &out.areas, empty_pattern(t.counts.size(), categories), 0, t.counts.size(), true}};
            // No windows here: they come with the partitions, and the base pattern must not.
            out.narrowed = widen_jointly(joint, linked_index(alone), out, blocks, threshold, {});
        }
    }
    if (t.partitions.empty()) {
        return out;
    }
    if (too_many_groups) {
        withhold_every_group(t, own_partitions, out);
        return out;
    }
    std::vector<CountTable> groups;
    std::size_t own = 0;
    for (std::size_t p = 0; p < own_partitions; ++p) {
        groups.push_back(group_table(t, p));
        out.groups.emplace_back();
        out.groups.back().count = groups.back().suppress_into(out.groups.back(), threshold);
        own += out.groups.back().count;
    }
    // The earlier releases as published: in the system, never in a block (never widened).
    out.groups.insert(out.groups.end(), t.released.begin(), t.released.end());
    std::vector<Block> blocks;
    for (std::size_t p = 0; p < own_partitions; ++p) {
        blocks.push_back({&groups[p], &out.groups[p], empty_pattern(t.group_counts[p], categories),
                          at.partition_start[p], t.group_counts[p], false});
    }
    // Every small count is looked at again here, those left narrowed above too.
    out.narrowed = widen_jointly(joint_table(t, at), at, out, blocks, threshold, windows);
    if (out.narrowed > 0) {
        withhold_all_if_it_protects(t, own_partitions, threshold, windows, out);
    }
    std::size_t jointly = 0;
    for (std::size_t p = 0; p < own_partitions; ++p) {
        jointly += out.groups[p].count;
    }
    out.added = jointly - std::min(own, jointly);
    return out;
}

}  // namespace

LinkedWithheld protect_linked(const LinkedTables& t, std::int64_t threshold,
                              const std::vector<Window>& windows) {
    LinkedWithheld out = protect_with_released(t, threshold, windows);
    // The released partitions' patterns were published already: the caller's are the others.
    out.groups.resize(t.partitions.size() - t.released.size());
    return out;
}

std::vector<std::size_t> narrowed_jointly(const LinkedTables& t, const LinkedWithheld& w,
                                          std::int64_t threshold, const std::vector<Window>& windows) {
    std::vector<std::size_t> out;
    if (threshold <= 2) {
        return out;
    }
    const LinkedIndex at = linked_index(t);
    const AdditiveTable joint = joint_table(t, at);
    LinkedWithheld all = w;
    all.groups.insert(all.groups.end(), t.released.begin(), t.released.end());
    const std::vector<bool> withheld = joint_withheld(at, all, joint.values.size());
    const std::vector<std::size_t> candidates = audited_small_values(joint, at, all, threshold);
    JointAudit audit(joint, threshold, windows);
    LpRanges lp(joint, withheld, linked_prior(joint, at, all, withheld, threshold), windows);
    for (const auto& found : audit.narrowed_together(candidates, lp)) {
        out.push_back(found.first);
    }
    return out;
}

}  // namespace locality::disclosure
