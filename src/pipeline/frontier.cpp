// SPDX-License-Identifier: MIT
#include "frontier.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "containers.hpp"
#include "disruption.hpp"
#include "frontier_flags.hpp"
#include "locality/core/error.hpp"
#include "plan_figures.hpp"
#include "rounding.hpp"

namespace locality::pipeline {

namespace {

using json = nlohmann::ordered_json;

constexpr const char* k_shape = "shape";
constexpr const char* k_moved_share_suffix = "_cases_moved_share";
// Tags carry the weight in thousandths (`shape0150`), so a weight has at most three decimals.
constexpr double k_tag_scale = 1000.0;

bool is_shape(const StageOptions& config) { return config.frontier == k_shape; }

double weight_of(const StageOptions& point) {
    if (is_shape(point)) {
        return point.shape_weight;
    }
    for (const auto& [agency, weight] : point.keep_close_to) {
        if (agency == point.frontier) {
            return weight;
        }
    }
    return 0.0;
}

bool ends_with(const std::string& text, const std::string& end) {
    return text.size() >= end.size() && text.compare(text.size() - end.size(), end.size(), end) == 0;
}

/** The service layers whose teams handle the frontier agency's cases (none for a shape frontier). */
std::vector<std::string> agency_layers(const StageOptions& config, const OverlayData& data) {
    std::vector<std::string> out;
    if (is_shape(config)) {
        return out;
    }
    const std::vector<int> agency_of = service_agencies(config, data);
    for (std::size_t s = 0; s < data.service_layers.size(); ++s) {
        if (agency_of[s] >= 0 &&
            data.agencies[static_cast<std::size_t>(agency_of[s])].name == config.frontier) {
            out.push_back(data.service_layers[s].name);
        }
    }
    return out;
}

double score(const json& value, double sign) {
    return value.is_number() ? sign * value.get<double>() : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

const std::vector<double>& default_shape_frontier_weights() {
    // Shape-blind, then weights that trade little need (below 1), up to twice propose's default shape
    // weight 5 (decision 0033).
    static const std::vector<double> weights{0.0, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0};
    return weights;
}

const std::vector<double>& default_agency_frontier_weights() {
    // From no effect to where the cases moved stop falling, about x3 apart: on the demo the police's
    // cases moved respond from 0.3 and level off between 100 and 300 (decision 0035's measurements).
    static const std::vector<double> weights{0.0, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0, 300.0};
    return weights;
}

bool is_frontier(const StageOptions& config) { return !config.frontier.empty(); }

std::vector<std::pair<std::string, StageOptions>> frontier_configs(const StageOptions& config) {
    if (!config.k_sweep.empty() || !config.min_population_sweep.empty()) {
        throw UsageError(
            "--frontier sweeps a weight at one k and floor: give one --k and one --min-population, not a "
            "sweep");
    }
    const std::vector<double>& weights = !config.frontier_weights.empty() ? config.frontier_weights
                                         : is_shape(config)               ? default_shape_frontier_weights()
                                                                          : default_agency_frontier_weights();
    std::vector<std::pair<std::string, StageOptions>> out;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        const double w = weights[i];
        const double thousandths = std::round(w * k_tag_scale);
        if (!(w >= 0.0) || !std::isfinite(w) || w > 1e6 || std::fabs(thousandths - w * k_tag_scale) > 1e-6) {
            throw UsageError(
                fmt::format("--frontier: weight {} must be a number >= 0 with at most three decimals", w));
        }
        if (i > 0 && !(w > weights[i - 1])) {
            throw UsageError(
                "--frontier: list the weights once each, in increasing order (e.g. shape=0,0.1,0.3)");
        }
        StageOptions point = config;
        point.frontier_weights.clear();
        if (is_shape(config)) {
            point.shape_weight = w;
        } else {
            auto& keep = point.keep_close_to;
            keep.erase(std::remove_if(keep.begin(), keep.end(),
                                      [&](const auto& entry) { return entry.first == config.frontier; }),
                       keep.end());
            if (w > 0.0) {  // weight 0: the agency is not kept at this point
                keep.emplace_back(config.frontier, w);
            }
        }
        out.emplace_back(fmt::format("{}{:04.0f}", is_shape(config) ? k_shape : "close", thousandths),
                         std::move(point));
    }
    return out;
}

void check_frontier_agency(const StageOptions& config, const OverlayData& data) {
    if (!is_frontier(config) || is_shape(config)) {
        return;
    }
    std::vector<std::string> agencies;
    for (const AgencyTally& agency : data.agencies) {
        agencies.push_back(agency.name);
    }
    if (std::find(agencies.begin(), agencies.end(), config.frontier) == agencies.end()) {
        throw InputError(
            fmt::format("--frontier {}: no agency '{}' among the cases (agencies: {}); give "
                        "--frontier shape or one of them",
                        config.frontier, config.frontier, listed(agencies)));
    }
    if (agency_layers(config, data).empty()) {
        std::vector<std::string> layers;
        for (const ServiceLayer& layer : data.service_layers) {
            layers.push_back(layer.name);
        }
        throw InputError(fmt::format(
            "--frontier {}: no service-area layer serves agency '{}' (layers: {}), so its cases moved "
            "cannot be counted: give its teams' areas with --service-areas {}=SOURCE or name them with "
            "--service-agency LAYER={}",
            config.frontier, config.frontier, layers.empty() ? std::string("none") : listed(layers),
            config.frontier, config.frontier));
    }
}

json frontier_row(const StageOptions& point, const Proposal& proposal, const Publication& publication) {
    const Compactness compactness = polsby_popper_of(proposal.shapes);
    json row{{"point", ""},
             {"weight", weight_of(point)},
             {"localities", proposal.result.region_count},
             {"share_explained", round_to(share_explained(proposal.within_ss, proposal.total_ss), 4)},
             {"mean_polsby_popper", round_to(compactness.mean, 4)},
             {"worst_polsby_popper", round_to(compactness.worst, 4)}};
    for (const json& partner : publication.disruption) {
        const std::string layer = partner["service_layer"].get<std::string>();
        row[layer + "_cases_moved"] = partner["cases_moved"];
        row[layer + k_moved_share_suffix] = partner["cases_moved_share"];
    }
    return row;
}

json frontier_summary(const StageOptions& config, const OverlayData& data, json rows,
                      const std::vector<std::string>& tags) {
    // The published criteria, each higher-is-better: share explained and compactness up, cases moved down.
    std::vector<std::vector<double>> scores;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        json& row = rows[i];
        row["point"] = tags[i];
        std::vector<double> s;
        for (const auto& item : row.items()) {
            if (item.key() == "share_explained" || item.key() == "mean_polsby_popper" ||
                item.key() == "worst_polsby_popper") {
                s.push_back(score(item.value(), 1.0));
            } else if (ends_with(item.key(), k_moved_share_suffix)) {
                s.push_back(score(item.value(), -1.0));
            }
        }
        scores.push_back(std::move(s));
    }
    const std::vector<bool> dominated = dominated_points(scores);
    // Traded against the share explained: roundness, or the agency's (first layer's) cases moved.
    const std::vector<std::string> layers = agency_layers(config, data);
    const std::string traded =
        is_shape(config) ? "mean_polsby_popper" : layers.front() + k_moved_share_suffix;
    const double sign = is_shape(config) ? 1.0 : -1.0;
    std::vector<double> traded_scores;
    std::vector<double> kept_scores;
    for (const json& row : rows) {
        traded_scores.push_back(score(row[traded], sign));
        kept_scores.push_back(score(row["share_explained"], 1.0));
    }
    const std::optional<std::size_t> knee = knee_point(traded_scores, kept_scores, dominated);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        rows[i]["dominated"] = static_cast<bool>(dominated[i]);
        rows[i]["knee"] = knee == i;
    }
    return {{"parameter", is_shape(config) ? json(k_shape) : json("keep_close_to")},
            {"agency", is_shape(config) ? json() : json(config.frontier)},
            {"traded", traded},
            {"traded_better", is_shape(config) ? "higher" : "lower"},
            {"knee", knee ? json(tags[*knee]) : json()},
            {"shown", knee ? tags[*knee] : tags.front()},
            {"points", std::move(rows)}};
}

}  // namespace locality::pipeline
