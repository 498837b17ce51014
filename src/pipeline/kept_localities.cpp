// SPDX-License-Identifier: MIT
#include "kept_localities.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <map>

#include "area_fields.hpp"
#include "constraints.hpp"
#include "containers.hpp"
#include "given_localities.hpp"
#include "input_checks.hpp"
#include "keep_close_to.hpp"
#include "localities_stage.hpp"
#include "locality/core/error.hpp"
#include "locality/output/write_layers.hpp"
#include "locality/regionalize/amount_format.hpp"
#include "locality/regionalize/maintain.hpp"
#include "rounding.hpp"

namespace locality::pipeline {

namespace {

using json = nlohmann::ordered_json;
using output::FieldType;

bool given(const io::SourceSpec& source) { return !source.path.empty(); }

/** --max-moved as a number of areas out of `areas`; SIZE_MAX when not given. */
std::size_t move_cap(const std::string& text, std::size_t areas) {
    if (text.empty()) return std::numeric_limits<std::size_t>::max();
    const bool pct = text.back() == '%';
    const std::string number = pct ? text.substr(0, text.size() - 1) : text;
    char* end = nullptr;
    const double value = std::strtod(number.c_str(), &end);
    if (number.empty() || end != number.c_str() + number.size() || !(value >= 0.0) || !std::isfinite(value) ||
        (pct && value > 100.0) || (!pct && value != std::floor(value))) {
        throw UsageError("--max-moved '" + text +
                         "': give a whole number of areas (e.g. 20) or a percentage of "
                         "the areas (e.g. 5%)");
    }
    return pct ? static_cast<std::size_t>(std::floor(value / 100.0 * static_cast<double>(areas) + 1e-9))
               : static_cast<std::size_t>(value);
}

/** The areas named, at most 10 then "...". */
std::string area_list(const std::vector<ZoneId>& zones, const OverlayData& data) {
    std::vector<std::string> ids;
    for (const ZoneId z : zones) ids.push_back(data.areas.ids[static_cast<std::size_t>(z)]);
    return listed(ids);
}

}  // namespace

bool pinning(const StageOptions& config) { return given(config.fixed) || given(config.fixed_localities); }

bool maintaining(const StageOptions& config) {
    return given(config.start_from) || given(config.start_from_localities);
}

void check_keep_options(const StageOptions& config) {
    if (!(config.move_cost >= 0.0) || !std::isfinite(config.move_cost)) {
        throw UsageError("--move-cost must be a finite share >= 0 (e.g. 0.002)");
    }
    move_cap(config.max_moved, 1);
    const bool sweep = !config.k_sweep.empty() || !config.min_population_sweep.empty();
    if (pinning(config) && sweep) {
        throw UsageError("--fixed runs one proposal: give one --k and one --min-population, not a sweep");
    }
    if (given(config.start_from) && given(config.start_from_localities)) {
        throw UsageError(
            "give the starting localities once: --start-from (a table) or --start-from-localities "
            "(polygons)");
    }
    if (!maintaining(config)) {
        if (!config.max_moved.empty())
            throw UsageError("--max-moved caps the moves of --start-from: give --start-from");
        return;
    }
    if (sweep) {
        throw UsageError(
            "--start-from changes one set of localities: give one --k and one --min-population, not a "
            "sweep");
    }
    if (given(config.within) || config.islands == IslandPolicy::own) {
        throw UsageError(
            "--start-from does not yet work with --within or --islands own: leave them out (the start's "
            "localities are kept whole anyway)");
    }
}

FixedAreas read_fixed_areas(const StageOptions& config, OverlayData& data, const Partition& partition,
                            const std::vector<BoundRequest>& requests) {
    FixedAreas out;
    if (!pinning(config)) return out;
    const bool polygons = given(config.fixed_localities);
    const std::string option = polygons ? "--fixed-localities" : "--fixed";
    const GivenLocalities pins =
        polygons ? read_polygon_localities(config, config.fixed_localities, config.fixed_field,
                                           "--fixed-localities", data, true)
                 : read_assignment_localities(config.fixed, config.assignment_area_field,
                                              config.fixed_field.empty() ? "locality" : config.fixed_field,
                                              "--fixed", data);
    const std::string label = pins.source["source"].get<std::string>();
    if (!pins.unknown_area_ids.empty()) {
        throw InputError(
            fmt::format("--fixed '{}': {} row(s) name no small area of '{}': {}{}; correct or remove them",
                        label, pins.unknown_area_ids.size(), data.areas.label, listed(pins.unknown_area_ids),
                        lost_zeros_hint(pins.unknown_area_ids, data.areas.ids)));
    }
    if (pins.names.empty()) {
        throw InputError(
            polygons ? fmt::format("--fixed-localities '{}': no polygon covers most of an area of '{}'; "
                                   "check the polygons' extent and CRS",
                                   label, data.areas.label)
                     : fmt::format("--fixed '{}': no row pins an area of '{}' to a locality (field '{}'); "
                                   "check the area ids and --fixed-field",
                                   label, data.areas.label,
                                   config.fixed_field.empty() ? "locality" : config.fixed_field));
    }
    out.names = pins.names;
    out.pinned.assign(data.areas.ids.size(), -1);
    std::vector<std::vector<ZoneId>> members(out.names.size());
    for (std::size_t z = 0; z < out.pinned.size(); ++z) {
        const int r = pins.result.region_of[z];
        if (r < static_cast<int>(out.names.size())) {
            out.pinned[z] = r;
            members[static_cast<std::size_t>(r)].push_back(static_cast<ZoneId>(z));
        }
    }
    if (config.k > 0 && out.names.size() > static_cast<std::size_t>(config.k)) {
        throw InfeasibleError(
            fmt::format("{} '{}' pins {} different localities, more than --k {}; raise --k to "
                        "{} or pin fewer",
                        option, label, out.names.size(), config.k, out.names.size()));
    }
    // Each pinned locality: inside one group, contiguous there, under every ceiling.
    std::vector<int> group_of(data.areas.ids.size(), -1);
    std::vector<ZoneId> local_of(data.areas.ids.size(), -1);
    for (std::size_t g = 0; g < partition.groups.size(); ++g) {
        for (std::size_t i = 0; i < partition.groups[g].zones.size(); ++i) {
            group_of[static_cast<std::size_t>(partition.groups[g].zones[i])] = static_cast<int>(g);
            local_of[static_cast<std::size_t>(partition.groups[g].zones[i])] = static_cast<ZoneId>(i);
        }
    }
    json localities = json::array();
    for (std::size_t l = 0; l < members.size(); ++l) {
        const std::vector<ZoneId>& zones = members[l];
        const int g = group_of[static_cast<std::size_t>(zones.front())];
        std::vector<ZoneId> local;
        for (const ZoneId z : zones) {
            if (group_of[static_cast<std::size_t>(z)] != g) {
                throw InfeasibleError(
                    fmt::format("{}: locality '{}' pins areas in different containers or "
                                "landmasses ({}); no locality crosses them: pin it on one side",
                                option, out.names[l], area_list(zones, data)));
            }
            local.push_back(local_of[static_cast<std::size_t>(z)]);
        }
        if (!graph::is_connected_subset(partition.groups[static_cast<std::size_t>(g)].graph, local)) {
            throw InfeasibleError(
                fmt::format("{}: the areas pinned to locality '{}' are not contiguous ({}); a "
                            "locality is one piece: pin the areas between them too, or split the "
                            "locality in two",
                            option, out.names[l], area_list(zones, data)));
        }
        for (const BoundRequest& request : requests) {
            double total = 0.0;
            for (const ZoneId z : zones) total += request.values[static_cast<std::size_t>(z)];
            if (total > request.max) {
                throw InfeasibleError(
                    fmt::format("{}: the areas pinned to locality '{}' already have {} {}, above the ceiling "
                                "{} ({}) by {}; "
                                "pin fewer areas or raise the ceiling",
                                option, out.names[l], request.name, regionalize::detail::format_amount(total),
                                regionalize::detail::format_amount(request.max), request.option,
                                regionalize::detail::format_amount(total - request.max)));
            }
        }
        json ids = json::array();
        for (const ZoneId z : zones) ids.push_back(data.areas.ids[static_cast<std::size_t>(z)]);
        localities.push_back({{"name", out.names[l]}, {"areas", ids}});
    }
    out.summary = json{
        {"source", pins.source},
        {"rule",
         "pinned areas never move; areas pinned to one name end in one locality, different "
         "names in different localities"},
        {"pinned_areas", std::count_if(out.pinned.begin(), out.pinned.end(), [](int p) { return p >= 0; })},
        {"localities", localities}};
    return out;
}

Proposal maintain_proposal(const StageOptions& config, OverlayData& data, const ClusterGround& ground,
                           const std::string& moves_path, json& maintenance, const ProgressSink& progress) {
    const bool polygons = given(config.start_from_localities);
    const std::string option = polygons ? "--start-from-localities" : "--start-from";
    const GivenLocalities start =
        polygons ? read_polygon_localities(config, config.start_from_localities, config.start_from_field,
                                           "starting localities (--start-from-localities)", data)
                 : read_assignment_localities(
                       config.start_from, config.assignment_area_field,
                       config.start_from_field.empty() ? "locality" : config.start_from_field, "--start-from",
                       data);
    const std::string label = start.source["source"].get<std::string>();
    if (!start.unknown_area_ids.empty()) {
        throw InputError(fmt::format(
            "{} '{}': {} row(s) name no small area of '{}': {}{}; correct or remove "
            "them",
            option, label, start.unknown_area_ids.size(), data.areas.label, listed(start.unknown_area_ids),
            lost_zeros_hint(start.unknown_area_ids, data.areas.ids)));
    }
    if (!start.left_out.empty()) {
        throw InputError(fmt::format(
            "{} '{}': {} small area(s) of '{}' have no locality: {}; {}", option, label,
            start.left_out.size(), data.areas.label, listed(start.left_out),
            polygons
                ? "the polygons must cover every area"
                : "give every area a locality (field '" +
                      (config.start_from_field.empty() ? std::string("locality") : config.start_from_field) +
                      "')"));
    }
    const int count = static_cast<int>(start.names.size());
    if (config.k > 0 && config.k != count) {
        throw UsageError(
            fmt::format("{} '{}' has {} localities and maintenance keeps them all; leave --k "
                        "out or give --k {}",
                        option, label, count, count));
    }
    const ZoneGroup& group = ground.partition.groups.front();  // one group: check_keep_options
    const std::vector<BoundRequest> requests = bound_requests(config, AreaFields(data));
    // The number of localities is the start's, not --k: k floors above the total are refused here, or
    // the repair would try and report a breach no single move could mend, as if the search fell short.
    check_group_feasible(requests, group.zones, count,
                         fmt::format("the areas of {} '{}' (maintenance keeps its {} localities; propose "
                                     "afresh for fewer)",
                                     option, label, count),
                         data.areas.ids);
    regionalize::Problem problem{&group.graph, &ground.variables.solved, {}, count, {}};
    if (config.shape_weight > 0.0 && !group.shapes.area.empty()) {
        problem.shapes = &group.shapes;  // weighed against the start itself (regionalize::maintain)
        problem.shape_weight = config.shape_weight;
    }
    for (const BoundRequest& request : requests) {
        problem.bounds.push_back(group_bound(request, group.zones, count));
    }
    for (const regionalize::KeptAgency& agency : kept_agencies(config, data)) {
        problem.kept.push_back(regionalize::restrict_to(agency, group.zones));  // weighed against the start
    }
    const std::vector<int>& pins = ground.fixed.pinned;
    if (!pins.empty()) {
        problem.pinned.assign(pins.size(), -1);
        for (std::size_t z = 0; z < pins.size(); ++z) {
            if (pins[z] < 0) continue;
            const std::string& pinned_to = ground.fixed.names[static_cast<std::size_t>(pins[z])];
            const std::string& starts_in = start.names[static_cast<std::size_t>(start.result.region_of[z])];
            if (pinned_to != starts_in) {
                throw InputError(
                    fmt::format("--fixed pins area '{}' to locality '{}' but {} '{}' has it in "
                                "'{}'; pin it where it starts, or change the start",
                                data.areas.ids[z], pinned_to, option, label, starts_in));
            }
            problem.pinned[z] = start.result.region_of[z];
        }
    }
    regionalize::MaintainOptions options;
    options.move_cost = config.move_cost;
    options.max_moved = move_cap(config.max_moved, data.areas.ids.size());
    regionalize::Maintenance kept;
    try {
        kept = regionalize::maintain(problem, start.result.region_of, count, options);
    } catch (const InfeasibleError& e) {
        throw InfeasibleError(option + ": " + e.what());  // which start could not be kept
    }
    regionalize::validate_regionalization(problem, kept.result);

    output::Table moves;
    moves.fields = {{"area_id", FieldType::string},
                    {"from", FieldType::integer},
                    {"to", FieldType::integer},
                    {"why", FieldType::string}};
    json listed_moves = json::array();
    std::map<std::string, std::size_t> by_reason{
        {"repair-contiguity", 0}, {"repair-floor", 0}, {"repair-ceiling", 0}, {"improve", 0}};
    for (const regionalize::AreaMove& m : kept.moves) {
        const std::string& id = data.areas.ids[static_cast<std::size_t>(m.zone)];
        const std::string why = regionalize::move_reason_word(m.why);
        moves.rows.push_back(
            {id, static_cast<std::int64_t>(m.from) + 1, static_cast<std::int64_t>(m.to) + 1, why});
        listed_moves.push_back({{"area_id", id}, {"from", m.from + 1}, {"to", m.to + 1}, {"why", why}});
        ++by_reason[why];
    }
    output::write_csv(moves_path, moves);

    json names = json::array();
    for (std::size_t l = 0; l < start.names.size(); ++l) {
        names.push_back({{"locality", l + 1}, {"name", start.names[l]}});
    }
    json reasons = json::object();
    for (const char* word : {"repair-contiguity", "repair-floor", "repair-ceiling", "improve"}) {
        reasons[word] = by_reason[word];
    }
    maintenance = json{{"source", start.source},
                       {"rule",
                        "repair first (contiguity, then floors and ceilings, by single moves), then improve "
                        "only by moves that each gain more than move_cost of the total sum of squares; "
                        "each locality keeps its number"},
                       {"move_cost", config.move_cost},
                       {"max_moved", config.max_moved.empty() ? json() : json(options.max_moved)},
                       {"localities", names},
                       {"moved", kept.moves.size()},
                       {"by_reason", reasons},
                       {"moves", listed_moves}};

    Proposal out = describe_proposal(config, data, ground.variables.reported, kept.result, {}, progress);
    json head{{"method", "maintain"}, {"seed", config.seed}};
    for (const auto& [key, value] : out.localities.items()) {
        head[key] = value;
    }
    out.localities = head;
    out.names = names_unlike_numbers(start.names);
    return out;
}

}  // namespace locality::pipeline
