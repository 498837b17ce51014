// SPDX-License-Identifier: MIT
#include <cmath>
#include <exception>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "cli_run.hpp"
#include "locality/core/error.hpp"
#include "locality/io/source_spec.hpp"
#include "locality/pipeline/constraint_spec.hpp"
#include "sweep_options.hpp"

namespace locality::cli {

namespace {

constexpr const char* k_group = "Localities";

/** Every spelling --method accepts: CONSTRUCTION or CONSTRUCTION+SEARCH (regionalize::parse_method). */
std::vector<std::string> method_words() {
    const std::vector<std::string> constructions{"auto", "skater", "ward", "grow"};
    std::vector<std::string> words = constructions;
    for (const std::string& construction : constructions) {
        for (const char* search : {"auto", "none", "greedy", "tabu", "sa"}) {
            words.push_back(construction + "+" + search);
        }
    }
    return words;
}

void add_keep_options(CLI::App& command, CliRun& run);

/**
 * propose's default --shape-weight: operational boundaries should be compact unless the analyst asks
 * otherwise. Chosen on the demo at floor 150,000, seeds 1 to 3, with the shape-aware construction
 * (docs/decisions, shape-aware construction).
 */
constexpr double k_propose_shape_weight = 5.0;

/** --keep-close-to's default weight (docs/decisions, keep close to a partner's teams). */
constexpr double k_keep_close_to_weight = 1.0;

/** --keep-close-to AGENCY[=WEIGHT]: UsageError on an empty agency or a weight that is not a number > 0. */
std::pair<std::string, double> parse_keep_close_to(const std::string& text) {
    const std::size_t eq = text.rfind('=');
    const std::string agency = text.substr(0, eq);
    if (agency.empty()) {
        throw UsageError("--keep-close-to '" + text + "' must be AGENCY or AGENCY=WEIGHT (e.g. police=0.2)");
    }
    if (eq == std::string::npos) return {agency, k_keep_close_to_weight};
    const std::string number = text.substr(eq + 1);
    std::size_t used = 0;
    double weight = 0.0;
    try {
        weight = std::stod(number, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != number.size() || !(weight > 0.0) || !std::isfinite(weight)) {
        throw UsageError("--keep-close-to " + text + ": the weight '" + number +
                         "' must be a number > 0 (e.g. " + agency + "=0.2)");
    }
    return {agency, weight};
}

}  // namespace

// Help names only what exists for the command: regionalize has no case counts, evaluate and regionalize
// no sweeps.
void add_bound_options(CLI::App& command, CliRun& run, bool with_cases, bool with_sweeps) {
    command
        .add_option("--min", run.min_text,
                    with_cases
                        ? "Floor on each locality's sum of FIELD, repeatable: an area field, population, "
                          "cases_total or cases_<agency> (e.g. --min population=20000)"
                        : "Floor on each locality's sum of FIELD, repeatable: a numeric area field or "
                          "population (e.g. --min population=20000)")
        ->type_name("FIELD=VALUE")
        ->group(k_group);
    command
        .add_option(
            "--max", run.max_text,
            with_cases ? "Ceiling on each locality's sum of FIELD, repeatable (e.g. --max cases_police=4000)"
                       : "Ceiling on each locality's sum of FIELD, repeatable (e.g. --max population=200000)")
        ->type_name("FIELD=VALUE")
        ->group(k_group);
    command
        .add_option("--min-population", run.min_population_text,
                    with_sweeps
                        ? "Shorthand for --min population=N (needs --population); a list 50000,100000 "
                          "runs one scenario per floor"
                        : "Shorthand for --min population=N (needs --population)")
        ->type_name("N")
        ->check(floor_values_check())
        ->group(k_group);
}

namespace {

// Keeping what was agreed: pinned areas and maintenance mode (docs/cli/propose.md).
void add_keep_options(CLI::App& command, CliRun& run) {
    AllOptions& c = run.config;
    command
        .add_option(
            "--fixed", run.fixed_text,
            "Areas pinned to a locality (a table of area_id and locality, e.g. an edited assignment.csv); "
            "they never move; rows with an empty locality pin nothing")
        ->type_name("SOURCE")
        ->group(k_group);
    command
        .add_option(
            "--fixed-localities", run.fixed_localities_text,
            "Areas pinned by polygons (e.g. a hospital's catchment kept whole): each area more than half "
            "inside a polygon is pinned to it and never moves; the other areas stay free")
        ->type_name("SOURCE")
        ->excludes("--fixed")
        ->group(k_group);
    command
        .add_option("--fixed-field", c.fixed_field,
                    "Locality field of --fixed (default: locality), or id field of --fixed-localities "
                    "(default: detected)")
        ->type_name("FIELD")
        ->group(k_group);
    command
        .add_option(
            "--start-from", run.start_from_text,
            "Maintenance mode: start from these localities (a table of area_id and locality, e.g. the "
            "last assignment.csv), repair what breaks the constraints, improve only by moves worth "
            "--move-cost; every moved area is listed in moves.csv")
        ->type_name("SOURCE")
        ->group(k_group);
    command
        .add_option("--start-from-localities", run.start_from_localities_text,
                    "Maintenance mode from polygons (today's boundaries): each area starts in the polygon "
                    "covering most of it")
        ->type_name("SOURCE")
        ->excludes("--start-from")
        ->group(k_group);
    command
        .add_option(
            "--start-from-field", c.start_from_field,
            "Locality field of --start-from (default: locality), or id field of --start-from-localities "
            "(default: detected)")
        ->type_name("FIELD")
        ->group(k_group);
    command
        .add_option(
            "--move-cost", c.move_cost,
            "With --start-from: a move made only to improve must gain more than this share of the total "
            "sum of squares")
        ->type_name("SHARE")
        ->default_val(0.002)
        ->check(CLI::Range(0.0, 1.0))
        ->group(k_group);
    command
        .add_option(
            "--max-moved", c.max_moved,
            "With --start-from: at most N areas (or PCT% of the areas) move, repairs included; refused "
            "when the repair alone needs more")
        ->type_name("N|PCT%")
        ->group(k_group);
}

}  // namespace

void add_cluster_options(CLI::App& command, CliRun& run, bool need_profile) {
    AllOptions& c = run.config;
    command
        .add_option("--k", run.k_text,
                    need_profile
                        ? "Number of localities; without it, as many as the floors allow (max-p). A range "
                          "6..14 or a list 6,8,10 runs one scenario per value"
                        : "Number of localities; without it, as many as the floors allow (max-p)")
        ->type_name("N")
        ->check(k_values_check())
        ->group(k_group);
    add_bound_options(command, run, need_profile, need_profile);
    command
        .add_option("--balance", c.balance_pct,
                    "Keep every locality's total of the balance field within PCT % of the mean (total / k); "
                    "needs --k")
        ->type_name("PCT")
        ->check(CLI::Range(0.0, 99.999))
        ->group(k_group);
    command.add_option("--balance-field", c.balance_field, "Field that --balance balances")
        ->type_name("FIELD")
        ->default_val("population")
        ->group(k_group);
    command
        .add_flag(
            "--best-effort", c.best_effort,
            "When no partition meets every bound (--balance, --min, --max), write the closest one found "
            "with every broken bound listed (summary.json, log, report) and exit 0 with a warning")
        ->group(k_group);
    command
        .add_option("--within", run.within_text,
                    "Container polygons (any GDAL source): no locality crosses a container boundary")
        ->type_name("SOURCE")
        ->group(k_group);
    command.add_option("--within-id", c.within_id_field, "Id field of the containers (default: detected)")
        ->type_name("FIELD")
        ->group(k_group);
    command
        .add_option(
            "--islands", run.islands_text,
            "Separate landmasses: bridge (link to the nearest area), own (solved on their own), error")
        ->type_name("WORD")
        ->check(CLI::IsMember({"bridge", "own", "error"}))
        ->default_val("bridge")
        ->group(k_group);
    command
        .add_option_function<std::string>(
            "--method",
            [&run](const std::string& word) { run.config.method = regionalize::parse_method(word); },
            "Clustering method: auto, or CONSTRUCTION[+SEARCH] with CONSTRUCTION in "
            "skater|ward|grow and SEARCH in none|greedy|tabu|sa")
        ->type_name("METHOD")
        ->default_str("auto")
        // Any case; a word not listed is a usage error listing them all. The help already names them.
        ->transform(CLI::IsMember(method_words(), CLI::ignore_case).description(""))
        ->group(k_group);
    command
        .add_option("--starts", c.starts,
                    "Independent starts, spread over the threads (default: by problem size)")
        ->type_name("N")
        ->check(CLI::Range(1, 100000))
        ->group(k_group);
    command
        .add_option(
            "--confidence", c.confidence_runs,
            "Boundary confidence: N more independently seeded solutions give each area the share in which "
            "it sits with the core of its locality (areas layer, summary.json, report)")
        ->type_name("N")
        ->check(CLI::Range(1, 1000))
        ->group(k_group);
    command.add_option("--seed", c.seed, "Seed of every random choice; same inputs and seed, same output")
        ->type_name("N")
        ->default_val(0)
        ->group(k_group);
    command
        .add_option("--compactness", c.compactness,
                    "Weight of a shape term (area centroids): higher gives more compact localities")
        ->type_name("W")
        ->check(CLI::Range(0.0, 1e6))
        ->group(k_group);
    add_keep_options(command, run);
    // Into CliRun, not the config: both commands register options on the same config, so a default
    // assigned here would be the last registered command's. finish_cluster_parse applies the verb's.
    command
        .add_option("--shape-weight", run.shape_weight_given,
                    need_profile
                        ? "Weight of round shapes against need explained: the search minimises the "
                          "unexplained share + W x E0 x mean 1/Polsby-Popper / P0 (E0, P0 a shape-blind "
                          "partition's; below 1, W is the largest share of its explained need traded); "
                          "0 = shape-blind"
                        : "Weight of round shapes against explained heterogeneity: the search minimises "
                          "WSS/TSS + W x E0 x mean 1/Polsby-Popper / P0 (E0, P0 a shape-blind partition's; "
                          "below 1, W is the largest share of its explained heterogeneity traded); "
                          "0 = shape-blind")
        ->type_name("W")
        ->check(CLI::Range(0.0, 1e6))
        ->default_str(need_profile ? "5" : "0")
        ->group(k_group);
    if (need_profile) {
        command
            .add_option("--attributes", c.attributes,
                        "Cluster on these numeric area fields (comma-separated) instead of the need profile")
            ->type_name("A,B,C")
            ->delimiter(',')
            ->group(k_group);
        command
            .add_option("--smooth", run.smooth_text,
                        "Smoothing of the per-agency rates: none, or eb (global empirical Bayes, as GeoDa)")
            ->type_name("WORD")
            ->check(CLI::IsMember({"none", "eb"}))
            ->default_val("none")
            ->group(k_group);
    } else {
        command
            .add_option("--attributes", c.attributes, "Numeric area fields to cluster on (comma-separated)")
            ->type_name("A,B,C")
            ->delimiter(',')
            ->required()
            ->group(k_group);
    }
}

void finish_cluster_parse(CliRun& run) {
    AllOptions& c = run.config;
    c.min_bounds.clear();
    for (const std::string& text : run.min_text) {
        c.min_bounds.push_back(pipeline::parse_constraint(text, "--min"));
    }
    c.max_bounds.clear();
    for (const std::string& text : run.max_text) {
        c.max_bounds.push_back(pipeline::parse_constraint(text, "--max"));
    }
    c.within = run.within_text.empty() ? io::SourceSpec{} : io::parse_source(run.within_text);
    c.fixed = run.fixed_text.empty() ? io::SourceSpec{} : io::parse_source(run.fixed_text);
    c.fixed_localities =
        run.fixed_localities_text.empty() ? io::SourceSpec{} : io::parse_source(run.fixed_localities_text);
    c.start_from = run.start_from_text.empty() ? io::SourceSpec{} : io::parse_source(run.start_from_text);
    c.start_from_localities = run.start_from_localities_text.empty()
                                  ? io::SourceSpec{}
                                  : io::parse_source(run.start_from_localities_text);
    // The words were checked by the parser.
    const std::map<std::string, pipeline::IslandPolicy> islands{{"bridge", pipeline::IslandPolicy::bridge},
                                                                {"own", pipeline::IslandPolicy::own},
                                                                {"error", pipeline::IslandPolicy::error}};
    c.islands = islands.at(run.islands_text.empty() ? "bridge" : run.islands_text);
    c.smooth = run.smooth_text == "eb" ? pipeline::Smoothing::eb : pipeline::Smoothing::none;
    c.keep_close_to.clear();
    for (const std::string& text : run.keep_close_to_text) {
        const auto kept = parse_keep_close_to(text);
        for (const auto& earlier : c.keep_close_to) {
            if (earlier.first == kept.first) {
                throw UsageError("--keep-close-to " + kept.first + " is given twice: give each agency once");
            }
        }
        c.keep_close_to.push_back(kept);
    }
    c.shape_weight = run.shape_weight_given >= 0.0 ? run.shape_weight_given
                     : run.verb == "propose"       ? k_propose_shape_weight
                                                   : 0.0;
}

}  // namespace locality::cli
