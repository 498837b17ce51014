// SPDX-License-Identifier: MIT
#include "sweep_options.hpp"

#include <cmath>
#include <stdexcept>
#include <tuple>

#include "locality/core/error.hpp"

namespace locality::cli {

namespace {

constexpr int k_max_k = 1000000;

std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t at = text.find(separator); at != std::string::npos; at = text.find(separator, start)) {
        parts.push_back(text.substr(start, at - start));
        start = at + 1;
    }
    parts.push_back(text.substr(start));
    return parts;
}

/** A whole number, or throws UsageError naming `option`. */
long whole_number(const std::string& text, const std::string& option) {
    std::size_t used = 0;
    long value = 0;
    try {
        value = std::stol(text, &used);
    } catch (const std::out_of_range&) {
        throw UsageError(option + ": '" + text + "' is too large");
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != text.size()) {
        throw UsageError(option + ": '" + text + "' is not a whole number");
    }
    return value;
}

/** Comma-separated numbers from 0 to 1e15, or throws UsageError "`option`: 'PART' is not `what`". */
std::vector<double> numbers_at_least_0(const std::string& text, const std::string& option,
                                       const std::string& what) {
    std::vector<double> out;
    for (const std::string& part : split(text, ',')) {
        std::size_t used = 0;
        double value = NAN;
        try {
            value = std::stod(part, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used == 0 || used != part.size() || !(value >= 0.0 && value <= 1e15)) {
            throw UsageError(option + ": '" + part + "' is not " + what);
        }
        out.push_back(value);
    }
    return out;
}

int checked_k(const std::string& text) {
    const long k = whole_number(text, "--k");
    if (k > k_max_k) {
        throw UsageError("--k: '" + text + "' is too large (at most " + std::to_string(k_max_k) + ")");
    }
    if (k < 1) {
        throw UsageError("--k: Value " + text + " not in range [1 - " + std::to_string(k_max_k) + "]");
    }
    return static_cast<int>(k);
}

/** Runs `parse` on the option's text and turns its UsageError into CLI11's error text. */
template <typename Parse>
CLI::Validator text_check(Parse parse, const std::string& name) {
    return CLI::Validator(
        [parse](std::string& text) -> std::string {
            try {
                parse(text);
            } catch (const UsageError& e) {
                const std::string message = e.what();
                const std::size_t colon = message.find(": ");
                return colon == std::string::npos ? message : message.substr(colon + 2);
            }
            return {};
        },
        "", name);
}

}  // namespace

std::vector<int> parse_k_values(const std::string& text) {
    std::vector<int> out;
    const std::size_t dots = text.find("..");
    if (dots != std::string::npos) {
        const int low = checked_k(text.substr(0, dots));
        const int high = checked_k(text.substr(dots + 2));
        if (high <= low) {
            throw UsageError("--k: range '" + text + "' must go upwards, e.g. 6..14");
        }
        for (int k = low; k <= high; ++k) {
            out.push_back(k);
        }
        return out;
    }
    for (const std::string& part : split(text, ',')) {
        out.push_back(checked_k(part));
    }
    return out;
}

std::vector<double> parse_floor_values(const std::string& text) {
    return numbers_at_least_0(text, "--min-population", "a number of residents >= 0");
}

std::pair<std::string, std::vector<double>> parse_frontier(const std::string& text) {
    const std::size_t eq = text.find('=');
    std::pair<std::string, std::vector<double>> out{text.substr(0, eq), {}};
    if (out.first.empty()) {
        throw UsageError(
            "--frontier: give 'shape' or an agency, e.g. --frontier shape or --frontier shape=0,0.1,0.3");
    }
    if (eq == std::string::npos) {
        return out;
    }
    out.second = numbers_at_least_0(text.substr(eq + 1), "--frontier", "a weight (a number >= 0)");
    return out;
}

CLI::Validator k_values_check() { return text_check(parse_k_values, "K_VALUES"); }

CLI::Validator floor_values_check() { return text_check(parse_floor_values, "FLOOR_VALUES"); }

void finish_sweep_options(CliRun& run) {
    AllOptions& c = run.config;
    c.k_sweep.clear();
    c.min_population_sweep.clear();
    if (!run.k_text.empty()) {
        const std::vector<int> ks = parse_k_values(run.k_text);
        if (ks.size() == 1) {
            c.k = ks.front();
        } else {
            c.k_sweep = ks;
        }
    }
    if (!run.min_population_text.empty()) {
        const std::vector<double> floors = parse_floor_values(run.min_population_text);
        if (floors.size() == 1) {
            c.min_population = floors.front();
        } else {
            c.min_population_sweep = floors;
        }
    }
    c.frontier.clear();
    c.frontier_weights.clear();
    if (!run.frontier_text.empty()) {
        std::tie(c.frontier, c.frontier_weights) = parse_frontier(run.frontier_text);
    }
    if ((!c.k_sweep.empty() || !c.min_population_sweep.empty()) && run.verb != "propose") {
        throw UsageError(
            "scenario sweeps (--k 6..14, --k 6,8 or --min-population A,B) are for 'locality propose'");
    }
}

}  // namespace locality::cli
