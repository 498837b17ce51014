// SPDX-License-Identifier: MIT
#include "locality/pipeline/smoothing.hpp"

#include <cstddef>

#include "locality/core/error.hpp"

namespace locality::pipeline {

std::vector<double> empirical_bayes_rates(const std::vector<double>& events,
                                          const std::vector<double>& population) {
    if (events.size() != population.size()) {
        throw Error("empirical Bayes smoothing: " + std::to_string(events.size()) + " counts for " +
                    std::to_string(population.size()) + " populations");
    }
    double total_events = 0.0;
    double total_population = 0.0;
    std::size_t populated = 0;
    for (std::size_t i = 0; i < events.size(); ++i) {
        if (population[i] > 0.0) {
            total_events += events[i];
            total_population += population[i];
            ++populated;
        }
    }
    std::vector<double> smoothed(events.size(), 0.0);
    if (!(total_population > 0.0)) {
        return smoothed;
    }
    const double overall = total_events / total_population;
    double weighted_ss = 0.0;
    for (std::size_t i = 0; i < events.size(); ++i) {
        if (population[i] > 0.0) {
            const double deviation = events[i] / population[i] - overall;
            weighted_ss += population[i] * deviation * deviation;
        }
    }
    const double mean_population = total_population / static_cast<double>(populated);
    // The spread of the true rates: the observed spread less what Poisson noise alone would give.
    double prior_variance = weighted_ss / total_population - overall / mean_population;
    if (prior_variance < 0.0) {
        prior_variance = 0.0;
    }
    for (std::size_t i = 0; i < events.size(); ++i) {
        if (!(population[i] > 0.0)) {
            smoothed[i] = overall;
            continue;
        }
        const double rate = events[i] / population[i];
        const double noise = overall / population[i];
        const double weight = prior_variance + noise > 0.0 ? prior_variance / (prior_variance + noise) : 0.0;
        smoothed[i] = weight * rate + (1.0 - weight) * overall;
    }
    return smoothed;
}

}  // namespace locality::pipeline
