// SPDX-License-Identifier: MIT
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <random>
#include <vector>

#include "locality/geom/spatial_index.hpp"

using locality::Box;
using locality::geom::EnvelopeIndex;

namespace {

std::vector<Box> random_boxes(std::mt19937_64& rng, std::size_t n) {
    // Integer corners so that touching and shared edges happen often.
    std::uniform_int_distribution<int> pos(0, 100);
    std::uniform_int_distribution<int> len(0, 12);
    std::vector<Box> boxes;
    for (std::size_t i = 0; i < n; ++i) {
        const double x = pos(rng);
        const double y = pos(rng);
        boxes.push_back({x, y, x + len(rng), y + len(rng)});
    }
    return boxes;
}

bool boxes_intersect(const Box& a, const Box& b) {
    return !(a.min_x > b.max_x || a.max_x < b.min_x || a.min_y > b.max_y || a.max_y < b.min_y);
}

double box_distance(const Box& a, const Box& b) {
    const double dx = std::max({0.0, a.min_x - b.max_x, b.min_x - a.max_x});
    const double dy = std::max({0.0, a.min_y - b.max_y, b.min_y - a.max_y});
    return std::hypot(dx, dy);
}

}  // namespace

TEST_CASE("Envelope index box queries match a brute-force scan on random boxes", "[geom]") {
    std::mt19937_64 rng(7);
    const std::vector<Box> boxes = random_boxes(rng, 500);
    const EnvelopeIndex index(boxes);
    REQUIRE(index.size() == 500);
    for (const Box& q : random_boxes(rng, 300)) {
        std::vector<std::size_t> expected;
        for (std::size_t i = 0; i < boxes.size(); ++i) {
            if (boxes_intersect(boxes[i], q)) {
                expected.push_back(i);
            }
        }
        std::vector<std::size_t> got{999999};  // results are appended after existing items
        index.query(q, got);
        REQUIRE(got.front() == 999999);
        got.erase(got.begin());
        REQUIRE(got == expected);
    }
}

TEST_CASE("Envelope index point queries include box boundaries and corners", "[geom]") {
    std::mt19937_64 rng(11);
    const std::vector<Box> boxes = random_boxes(rng, 400);
    const EnvelopeIndex index(boxes);
    std::vector<std::pair<double, double>> probes;
    for (const Box& b : boxes) {
        probes.emplace_back(b.min_x, b.min_y);                           // corner
        probes.emplace_back(b.max_x, 0.5 * (b.min_y + b.max_y));         // edge
        probes.emplace_back(0.5 * (b.min_x + b.max_x), b.max_y + 1e-9);  // just outside
    }
    for (const auto& [x, y] : probes) {
        std::vector<std::size_t> expected;
        for (std::size_t i = 0; i < boxes.size(); ++i) {
            if (x >= boxes[i].min_x && x <= boxes[i].max_x && y >= boxes[i].min_y && y <= boxes[i].max_y) {
                expected.push_back(i);
            }
        }
        std::vector<std::size_t> got;
        index.query_point(x, y, got);
        REQUIRE(got == expected);
    }
}

TEST_CASE("Envelope index nearest returns the k closest envelopes, closest first", "[geom]") {
    std::mt19937_64 rng(3);
    const std::vector<Box> boxes = random_boxes(rng, 300);
    const EnvelopeIndex index(boxes);
    for (const Box& q : random_boxes(rng, 100)) {
        std::vector<double> all;
        for (const Box& b : boxes) {
            all.push_back(box_distance(b, q));
        }
        std::sort(all.begin(), all.end());
        std::vector<std::size_t> got;
        index.nearest(q, 5, got);
        REQUIRE(got.size() == 5);
        for (std::size_t k = 0; k < got.size(); ++k) {
            // Ties may pick different items, but the k-th distance must be the k-th smallest.
            REQUIRE(box_distance(boxes[got[k]], q) == Approx(all[k]).margin(1e-12));
        }
    }
}

TEST_CASE("Envelope index ignores empty envelopes but keeps their numbering", "[geom]") {
    const std::vector<Box> boxes{{0, 0, 1, 1}, Box{}, {2, 2, 3, 3}};
    const EnvelopeIndex index(boxes);
    REQUIRE(index.size() == 3);
    std::vector<std::size_t> got;
    index.query({-10, -10, 10, 10}, got);
    REQUIRE(got == std::vector<std::size_t>{0, 2});
    got.clear();
    index.query(Box{}, got);
    REQUIRE(got.empty());
}
