// SPDX-License-Identifier: MIT
#pragma once

#include <vector>

namespace locality::pipeline {

/**
 * Global empirical Bayes rates (Marshall 1991, method of moments; the GeoDa convention): with the
 * overall rate b = sum(events) / sum(population), the rates r_i = events_i / population_i and the
 * mean population m over the areas with residents, the prior variance is
 * a = sum(population_i (r_i - b)^2) / sum(population) - b / m (0 when negative), and each area's
 * rate is shrunk toward b by its population: w_i = a / (a + b / population_i),
 * smoothed_i = w_i r_i + (1 - w_i) b. Areas without residents (population <= 0) get b, which is
 * also the answer for every area when the total population is 0 (then b = 0). Rates per person.
 */
std::vector<double> empirical_bayes_rates(const std::vector<double>& events,
                                          const std::vector<double>& population);

}  // namespace locality::pipeline
