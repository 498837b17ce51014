// SPDX-License-Identifier: MIT
#include <algorithm>
#include <catch2/catch.hpp>
#include <numeric>
#include <random>
#include <set>
#include <utility>
#include <vector>

#include "locality/core/error.hpp"
#include "locality/graph/contiguity_graph.hpp"

using locality::ZoneId;
using locality::graph::Components;
using locality::graph::ContiguityGraph;
using Edge = std::pair<ZoneId, ZoneId>;

namespace {

// Union-find written inline as an independent truth for the Boost-based components.
ZoneId root_of(std::vector<ZoneId>& parent, ZoneId z) {
    while (parent[static_cast<std::size_t>(z)] != z) {
        z = parent[static_cast<std::size_t>(z)];
    }
    return z;
}

std::vector<Edge> random_edges(std::mt19937_64& rng, ZoneId n, std::size_t count) {
    std::uniform_int_distribution<ZoneId> pick(0, n - 1);
    std::vector<Edge> edges;
    for (std::size_t i = 0; i < count; ++i) {
        edges.emplace_back(pick(rng), pick(rng));
    }
    return edges;
}

}  // namespace

TEST_CASE("The CSR graph is sorted, symmetric, loop-free and deduplicated", "[graph]") {
    std::mt19937_64 rng(42);
    const ZoneId n = 40;
    std::vector<Edge> edges = random_edges(rng, n, 150);
    // Make sure the awkward inputs are present: a self loop and the same edge in both orientations.
    edges.emplace_back(7, 7);
    edges.emplace_back(3, 9);
    edges.emplace_back(9, 3);
    edges.emplace_back(3, 9);

    std::set<Edge> truth;
    for (const auto& [a, b] : edges) {
        if (a != b) {
            truth.emplace(std::min(a, b), std::max(a, b));
        }
    }
    const ContiguityGraph g(static_cast<std::size_t>(n), edges);
    REQUIRE(g.zone_count() == static_cast<std::size_t>(n));
    REQUIRE(g.edge_count() == truth.size());

    std::size_t degree_sum = 0;
    for (ZoneId z = 0; z < n; ++z) {
        REQUIRE(std::adjacent_find(g.begin(z), g.end(z), [](ZoneId x, ZoneId y) { return x >= y; }) ==
                g.end(z));
        REQUIRE(std::find(g.begin(z), g.end(z), z) == g.end(z));
        for (const ZoneId* it = g.begin(z); it != g.end(z); ++it) {
            REQUIRE(std::binary_search(g.begin(*it), g.end(*it), z));  // symmetric
        }
        REQUIRE(static_cast<std::size_t>(g.end(z) - g.begin(z)) == g.degree(z));
        degree_sum += g.degree(z);
        for (ZoneId o = 0; o < n; ++o) {
            REQUIRE(g.adjacent(z, o) == (truth.count({std::min(z, o), std::max(z, o)}) == 1));
        }
    }
    REQUIRE(degree_sum == 2 * truth.size());
    const std::vector<Edge> listed = g.edges();
    REQUIRE(listed == std::vector<Edge>(truth.begin(), truth.end()));
}

TEST_CASE("A graph with three pieces has three components numbered by their lowest zone", "[graph]") {
    // {0,3,5}, {1,2}, {4,6,7}: the numbering must follow the lowest zone of each piece.
    const ContiguityGraph g(8, {{5, 3}, {0, 3}, {2, 1}, {7, 6}, {4, 6}});
    const Components c = locality::graph::connected_components(g);
    REQUIRE(c.count == 3);
    REQUIRE(c.component == std::vector<int>{0, 1, 1, 0, 2, 0, 2, 2});
    REQUIRE(c.sizes() == std::vector<std::size_t>{3, 2, 3});
}

TEST_CASE("Isolated zones are components of their own and an empty graph has none", "[graph]") {
    const ContiguityGraph g(4, {{1, 2}});
    const Components c = locality::graph::connected_components(g);
    REQUIRE(c.count == 3);
    REQUIRE(c.component == std::vector<int>{0, 1, 1, 2});

    const Components none = locality::graph::connected_components(ContiguityGraph());
    REQUIRE(none.count == 0);
    REQUIRE(none.component.empty());
}

TEST_CASE("Components agree with a union-find on random sparse graphs", "[graph]") {
    std::mt19937_64 rng(7);
    for (int round = 0; round < 20; ++round) {
        const ZoneId n = 60;
        const std::vector<Edge> edges = random_edges(rng, n, 45);
        std::vector<ZoneId> parent(static_cast<std::size_t>(n));
        std::iota(parent.begin(), parent.end(), 0);
        for (const auto& [a, b] : edges) {
            parent[static_cast<std::size_t>(root_of(parent, a))] = root_of(parent, b);
        }
        const Components c =
            locality::graph::connected_components(ContiguityGraph(static_cast<std::size_t>(n), edges));
        std::set<ZoneId> roots;
        for (ZoneId a = 0; a < n; ++a) {
            roots.insert(root_of(parent, a));
            for (ZoneId b = 0; b < n; ++b) {
                REQUIRE(
                    (c.component[static_cast<std::size_t>(a)] == c.component[static_cast<std::size_t>(b)]) ==
                    (root_of(parent, a) == root_of(parent, b)));
            }
        }
        REQUIRE(c.count == static_cast<int>(roots.size()));
        // Numbered by lowest zone: the first appearance of each id is in increasing order.
        int next = 0;
        for (const int id : c.component) {
            REQUIRE(id <= next);
            next = std::max(next, id + 1);
        }
    }
}

TEST_CASE("A subset is connected only through edges among its members", "[graph]") {
    // Path 0-1-2-3 plus a shortcut 0-4-3.
    const ContiguityGraph g(5, {{0, 1}, {1, 2}, {2, 3}, {0, 4}, {4, 3}});
    using locality::graph::is_connected_subset;
    REQUIRE(is_connected_subset(g, {}));
    REQUIRE(is_connected_subset(g, {3}));
    REQUIRE(is_connected_subset(g, {0, 1, 2}));
    REQUIRE(is_connected_subset(g, {2, 1, 1, 0}));  // order and duplicates do not matter
    REQUIRE_FALSE(is_connected_subset(g, {0, 2}));  // 1 is not a member
    REQUIRE_FALSE(is_connected_subset(g, {1, 3}));
    REQUIRE(is_connected_subset(g, {1, 0, 4, 3}));
    REQUIRE_FALSE(is_connected_subset(g, {1, 2, 4}));
    REQUIRE_THROWS_AS(is_connected_subset(g, {0, 5}), locality::InputError);
}

TEST_CASE("Adding edges keeps the old ones and joins the pieces", "[graph]") {
    const ContiguityGraph g(4, {{0, 1}, {2, 3}});
    const ContiguityGraph joined = g.with_edges({{3, 1}, {1, 3}});
    REQUIRE(joined.edges() == std::vector<Edge>{{0, 1}, {1, 3}, {2, 3}});
    REQUIRE(locality::graph::connected_components(joined).count == 1);
    REQUIRE(g.edge_count() == 2);  // the original is untouched
}

TEST_CASE("Edges naming a zone outside the graph are rejected", "[graph]") {
    REQUIRE_THROWS_AS(ContiguityGraph(3, {{0, 3}}), locality::InputError);
    REQUIRE_THROWS_AS(ContiguityGraph(3, {{-1, 2}}), locality::InputError);
    const ContiguityGraph g(3, {{0, 1}});
    REQUIRE_THROWS_AS(g.adjacent(0, 3), locality::InputError);
}
