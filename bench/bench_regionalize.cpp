// SPDX-License-Identifier: MIT
// Times contiguity-graph clustering at scale, without any geometry:
//   locality_bench_regionalize [SIDE] [--queen] [--max-p-seeds N] [--shape-weight W] [--keep-close-to W]
// builds a SIDE x SIDE grid graph (default 200: 40,000 areas) with 3 random attributes and a population
// of 1 per area, then times SKATER with a floor of 1/500 of the total (as many localities as it allows),
// with k = 50 and with k = 500, each followed by the validation every result gets before it is written,
// and the engine's max-p under the same floor (regions, WSS, time, peak RSS); --max-p-seeds N runs only
// the engine's max-p, with seeds 1..N. --shape-weight W adds the shape term to max-p (unit squares:
// area 1, perimeter 4, a rook border 1, a queen corner 0) and prints the localities' mean and worst
// Polsby-Popper. --keep-close-to W adds the disruption term to max-p: one partner whose teams are blocks
// of 10 x 10 areas, one case per area, and prints the share of its cases moved.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "locality/graph/contiguity_graph.hpp"
#include "locality/regionalize/problem.hpp"
#include "locality/regionalize/skater.hpp"

namespace {

using locality::ZoneId;

locality::graph::ContiguityGraph grid_graph(int side, bool queen) {
    std::vector<std::pair<ZoneId, ZoneId>> edges;
    auto id = [side](int r, int c) { return static_cast<ZoneId>(r * side + c); };
    for (int r = 0; r < side; ++r) {
        for (int c = 0; c < side; ++c) {
            if (c + 1 < side) edges.emplace_back(id(r, c), id(r, c + 1));
            if (r + 1 < side) edges.emplace_back(id(r, c), id(r + 1, c));
            if (queen && r + 1 < side && c + 1 < side) edges.emplace_back(id(r, c), id(r + 1, c + 1));
            if (queen && r + 1 < side && c > 0) edges.emplace_back(id(r, c), id(r + 1, c - 1));
        }
    }
    return locality::graph::ContiguityGraph(static_cast<std::size_t>(side) * side, edges);
}

void run(const char* label, const locality::graph::ContiguityGraph& graph,
         const locality::regionalize::AttributeMatrix& attributes, const std::vector<double>& population,
         locality::regionalize::RegionalizeOptions options) {
    const auto start = std::chrono::steady_clock::now();
    const auto result = locality::regionalize::skater(graph, attributes, population, options);
    locality::regionalize::validate_regionalization(graph, result, population, options.floor);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%-28s %6d localities  within SS %12.1f  %7.3f s\n", label, result.region_count,
                result.within_ss, seconds);
}

/** Peak resident set of this process so far, in MB (VmHWM of /proc/self/status; 0 if unreadable). */
double peak_rss_mb() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) == 0) {
            return std::stod(line.substr(6)) / 1024.0;
        }
    }
    return 0.0;
}

/** The grid's cells as unit squares: the shape term's plain numbers. */
locality::graph::ZoneShapes unit_squares(const locality::graph::ContiguityGraph& graph, int side) {
    locality::graph::ZoneShapes shapes;
    const std::size_t n = graph.zone_count();
    shapes.area.assign(n, 1.0);
    shapes.perimeter.assign(n, 4.0);
    for (ZoneId z = 0; z < static_cast<ZoneId>(n); ++z) {
        for (const ZoneId* it = graph.begin(z); it != graph.end(z); ++it) {
            const bool rook = *it == z + 1 || *it + 1 == z || *it == z + side || *it + side == z;
            shapes.shared.push_back(rook ? 1.0 : 0.0);
        }
    }
    return shapes;
}

/** Mean and worst Polsby-Popper of the regions of unit squares (perimeter = sides not shared inside). */
std::pair<double, double> polsby_popper(const locality::graph::ContiguityGraph& graph,
                                        const locality::graph::ZoneShapes& s, const std::vector<int>& region,
                                        int count) {
    std::vector<double> perimeter(static_cast<std::size_t>(count), 0.0);
    std::vector<double> area(static_cast<std::size_t>(count), 0.0);
    std::size_t slot = 0;
    for (ZoneId z = 0; z < static_cast<ZoneId>(graph.zone_count()); ++z) {
        const auto r = static_cast<std::size_t>(region[static_cast<std::size_t>(z)]);
        area[r] += s.area[static_cast<std::size_t>(z)];
        perimeter[r] += s.perimeter[static_cast<std::size_t>(z)];
        for (const ZoneId* it = graph.begin(z); it != graph.end(z); ++it, ++slot) {
            if (region[static_cast<std::size_t>(*it)] == region[static_cast<std::size_t>(z)])
                perimeter[r] -= s.shared[slot];
        }
    }
    double mean = 0.0;
    double worst = 1.0;
    for (std::size_t r = 0; r < perimeter.size(); ++r) {
        const double pp = 12.566370614359172 * area[r] / (perimeter[r] * perimeter[r]);
        mean += pp / static_cast<double>(count);
        worst = std::min(worst, pp);
    }
    return {mean, worst};
}

/** The engine's max-p (region growing, multi-start, local search) under a floor of `floor` population. */
void run_max_p(const locality::graph::ContiguityGraph& graph,
               const locality::regionalize::AttributeMatrix& attributes,
               const std::vector<double>& population, double floor, std::uint64_t seed,
               const locality::graph::ZoneShapes* shapes = nullptr, double shape_weight = 0.0,
               const locality::regionalize::KeptAgency* kept = nullptr) {
    namespace rg = locality::regionalize;
    rg::Problem problem;
    problem.graph = &graph;
    problem.attributes = &attributes;
    problem.bounds.push_back({"population", population, floor});
    problem.shapes = shapes;
    problem.shape_weight = shape_weight;
    if (kept != nullptr) problem.kept.push_back(*kept);
    rg::SolveOptions options;
    options.seed = seed;
    const auto start = std::chrono::steady_clock::now();
    const auto result = rg::solve(problem, options);
    rg::validate_regionalization(problem, result);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%-28s %6d localities  within SS %12.1f  %7.3f s  peak RSS %6.0f MB  (seed %llu)\n",
                "engine max-p, floor 1/500", result.region_count, result.within_ss, seconds, peak_rss_mb(),
                static_cast<unsigned long long>(seed));
    if (shapes != nullptr) {
        const auto [mean, worst] = polsby_popper(graph, *shapes, result.region_of, result.region_count);
        std::printf("%-28s shape weight %g: Polsby-Popper mean %.3f, worst %.3f\n", "", shape_weight, mean,
                    worst);
    }
    if (kept != nullptr) {
        std::printf("%-28s keep-close-to weight %g: cases moved %.4f\n", "", kept->weight,
                    rg::cases_moved_share(*kept, result.region_of, result.region_count));
    }
}

/** One partner whose teams are blocks of 10 x 10 areas (row-major ids), one case per area. */
locality::regionalize::KeptAgency block_teams(int side, double weight) {
    locality::regionalize::KeptAgency kept;
    kept.name = "blocks";
    kept.weight = weight;
    const int blocks = (side + 9) / 10;
    kept.teams = blocks * blocks;
    kept.first.push_back(0);
    for (int z = 0; z < side * side; ++z) {
        kept.entries.emplace_back((z / side / 10) * blocks + (z % side) / 10, 1.0);
        kept.first.push_back(kept.entries.size());
    }
    return kept;
}

}  // namespace

int main(int argc, char** argv) {
    int side = 200;
    bool queen = false;
    int max_p_seeds = 0;
    double shape_weight = -1.0;
    double keep_weight = 0.0;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--queen") == 0) {
            queen = true;
        } else if (std::strcmp(argv[i], "--max-p-seeds") == 0 && i + 1 < argc) {
            max_p_seeds = std::stoi(argv[++i]);
        } else if (std::strcmp(argv[i], "--shape-weight") == 0 && i + 1 < argc) {
            shape_weight = std::stod(argv[++i]);
        } else if (std::strcmp(argv[i], "--keep-close-to") == 0 && i + 1 < argc) {
            keep_weight = std::stod(argv[++i]);
        } else {
            side = std::stoi(argv[i]);
        }
    }
    const auto graph = grid_graph(side, queen);
    const std::size_t n = graph.zone_count();
    locality::regionalize::AttributeMatrix attributes(n, 3);
    std::mt19937_64 random(42);
    std::normal_distribution<double> normal;
    for (double& v : attributes.values) {
        v = normal(random);
    }
    locality::regionalize::standardize(attributes);
    const std::vector<double> population(n, 1.0);
    std::printf("%d x %d grid (%zu areas, %zu %s edges), 3 attributes\n", side, side, n, graph.edge_count(),
                queen ? "queen" : "rook");
    const locality::graph::ZoneShapes shapes = unit_squares(graph, side);
    const locality::regionalize::KeptAgency kept = block_teams(side, keep_weight);
    if (max_p_seeds > 0) {
        // Only the engine's max-p, once per seed: the figures of docs/performance.md.
        for (int seed = 1; seed <= max_p_seeds; ++seed) {
            run_max_p(graph, attributes, population, static_cast<double>(n) / 500.0,
                      static_cast<std::uint64_t>(seed), shape_weight >= 0.0 ? &shapes : nullptr,
                      std::max(shape_weight, 0.0), keep_weight > 0.0 ? &kept : nullptr);
        }
        return 0;
    }
    run_max_p(graph, attributes, population, static_cast<double>(n) / 500.0, 1);
    run("floor 1/500 of total, max-p", graph, attributes, population, {0, static_cast<double>(n) / 500.0, 1});
    run("k = 50", graph, attributes, population, {50, 0.0, 1});
    run("k = 500", graph, attributes, population, {500, 0.0, 1});
    return 0;
}
