// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <vector>

namespace locality::regionalize {

/** Dense row-major matrix: one row per zone, one column per variable. */
struct AttributeMatrix {
    std::size_t rows = 0;
    std::size_t cols = 0;
    std::vector<double> values;  ///< values[row * cols + col]

    AttributeMatrix() = default;
    AttributeMatrix(std::size_t r, std::size_t c) : rows(r), cols(c), values(r * c, 0.0) {}
    double& at(std::size_t r, std::size_t c) { return values[r * cols + c]; }
    double at(std::size_t r, std::size_t c) const { return values[r * cols + c]; }
    const double* row(std::size_t r) const { return values.data() + r * cols; }
};

/**
 * Z-scores each column in place: (x - mean) / sd with the population standard deviation over all
 * rows; a constant column becomes all zeros.
 */
void standardize(AttributeMatrix& matrix);

/**
 * Within-region sum of squares: sum over regions and columns of squared deviations from the
 * region's column mean. `region_of[row]` in 0..region_count-1.
 */
double within_sum_of_squares(const AttributeMatrix& matrix, const std::vector<int>& region_of,
                             int region_count);

}  // namespace locality::regionalize
