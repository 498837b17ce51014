// SPDX-License-Identifier: MIT
#include "locality/regionalize/attribute_matrix.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "locality/core/error.hpp"

namespace locality::regionalize {

namespace {

void check_shape(const AttributeMatrix& matrix) {
    if (matrix.values.size() != matrix.rows * matrix.cols) {
        throw InputError("attribute matrix holds " + std::to_string(matrix.values.size()) +
                         " values but declares " + std::to_string(matrix.rows) + " rows x " +
                         std::to_string(matrix.cols) + " columns");
    }
}

}  // namespace

void standardize(AttributeMatrix& matrix) {
    check_shape(matrix);
    if (matrix.rows == 0) {
        return;
    }
    const double n = static_cast<double>(matrix.rows);
    for (std::size_t c = 0; c < matrix.cols; ++c) {
        // Two passes (mean, then squared deviations) rather than sum and sum of squares: the
        // one-pass formula loses all precision on columns with a large mean and small spread.
        double sum = 0.0;
        bool constant = true;
        const double first = matrix.at(0, c);
        for (std::size_t r = 0; r < matrix.rows; ++r) {
            const double x = matrix.at(r, c);
            if (!std::isfinite(x)) {
                throw InputError("attribute column " + std::to_string(c + 1) + " row " +
                                 std::to_string(r + 1) +
                                 " is not a finite number: fill or drop missing values first");
            }
            constant = constant && x == first;
            sum += x;
        }
        const double mean = sum / n;
        double squares = 0.0;
        for (std::size_t r = 0; r < matrix.rows; ++r) {
            const double dev = matrix.at(r, c) - mean;
            squares += dev * dev;
        }
        const double sd = std::sqrt(squares / n);
        // An exactly constant column can still show a rounding-size sd (the mean of n copies of 0.1
        // is not 0.1), which would blow noise up to +-1; treat it, and any such sd, as constant.
        const bool degenerate = constant || sd <= 1e-12 * std::max(1.0, std::fabs(mean));
        for (std::size_t r = 0; r < matrix.rows; ++r) {
            double& x = matrix.at(r, c);
            x = degenerate ? 0.0 : (x - mean) / sd;
        }
    }
}

double within_sum_of_squares(const AttributeMatrix& matrix, const std::vector<int>& region_of,
                             int region_count) {
    check_shape(matrix);
    if (region_of.size() != matrix.rows) {
        throw InputError("region assignment has " + std::to_string(region_of.size()) +
                         " entries but the attribute matrix has " + std::to_string(matrix.rows) + " rows");
    }
    if (region_count < 0) {
        throw InputError("region count " + std::to_string(region_count) + " is negative");
    }
    const std::size_t regions = static_cast<std::size_t>(region_count);
    std::vector<double> means(regions * matrix.cols, 0.0);
    std::vector<std::size_t> sizes(regions, 0);
    for (std::size_t r = 0; r < matrix.rows; ++r) {
        const int region = region_of[r];
        if (region < 0 || region >= region_count) {
            throw InputError("row " + std::to_string(r) + " has region " + std::to_string(region) +
                             ", outside 0.." + std::to_string(region_count - 1));
        }
        const std::size_t g = static_cast<std::size_t>(region);
        ++sizes[g];
        for (std::size_t c = 0; c < matrix.cols; ++c) {
            means[g * matrix.cols + c] += matrix.at(r, c);
        }
    }
    for (std::size_t g = 0; g < regions; ++g) {
        for (std::size_t c = 0; c < matrix.cols && sizes[g] > 0; ++c) {
            means[g * matrix.cols + c] /= static_cast<double>(sizes[g]);
        }
    }
    double total = 0.0;
    for (std::size_t r = 0; r < matrix.rows; ++r) {
        const std::size_t g = static_cast<std::size_t>(region_of[r]);
        for (std::size_t c = 0; c < matrix.cols; ++c) {
            const double dev = matrix.at(r, c) - means[g * matrix.cols + c];
            total += dev * dev;
        }
    }
    return total;
}

}  // namespace locality::regionalize
