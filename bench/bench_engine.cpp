// SPDX-License-Identifier: MIT
// Runs the regionalization engine on one benchmark dataset (a GeoPackage layer with an integer
// id, attribute columns and a population), the way the shared benchmark driver calls a tool:
//   locality_bench_engine --gpkg F --layer L --id F --attrs a,b,c --k N [--pop F --floor X]
//                         [--method M] [--seed S] [--starts N] [--threads N] --out labels.csv
// Reads with the project's io module, builds queen contiguity (touching polygons) with the graph
// module, z-scores the attributes, solves, validates and writes `id,region` rows. Prints the
// figures, and as its last line a JSON object with t_read, t_weights and t_solve (seconds).
#include <tbb/global_control.h>
#include <tbb/info.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "locality/core/error.hpp"
#include "locality/graph/build_contiguity.hpp"
#include "locality/io/polygon_layer.hpp"
#include "locality/regionalize/problem.hpp"

namespace {

namespace rg = locality::regionalize;

struct Args {
    std::string gpkg, layer = "areas", id = "rid", attrs, pop, method = "auto", out;
    int k = 10;
    double floor = 0.0;
    std::uint64_t seed = 0;
    int starts = 0;
    int threads = 0;
};

Args parse(int argc, char** argv) {
    Args a;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string key = argv[i];
        const std::string value = argv[i + 1];
        if (key == "--gpkg")
            a.gpkg = value;
        else if (key == "--layer")
            a.layer = value;
        else if (key == "--id")
            a.id = value;
        else if (key == "--attrs")
            a.attrs = value;
        else if (key == "--pop")
            a.pop = value;
        else if (key == "--floor")
            a.floor = std::stod(value);
        else if (key == "--k")
            a.k = std::stoi(value);
        else if (key == "--method")
            a.method = value;
        else if (key == "--seed")
            a.seed = std::stoull(value);
        else if (key == "--starts")
            a.starts = std::stoi(value);
        else if (key == "--threads")
            a.threads = std::stoi(value);
        else if (key == "--out")
            a.out = value;
        else
            throw locality::UsageError("unknown option " + key);
    }
    if (a.gpkg.empty() || a.attrs.empty() || a.out.empty()) {
        throw locality::UsageError("usage: --gpkg F --attrs a,b --k N --out labels.csv [--pop F --floor X]");
    }
    return a;
}

std::vector<std::string> split(const std::string& text) {
    std::vector<std::string> parts;
    std::stringstream in(text);
    for (std::string part; std::getline(in, part, ',');) parts.push_back(part);
    return parts;
}

/** One numeric field of the layer, through the io module (which reads one value field per call). */
locality::io::PolygonLayer read_field(const Args& a, const std::string& field) {
    locality::io::PolygonLayerOptions options;
    options.source = locality::io::SourceSpec{a.gpkg, a.layer};
    options.id_field = a.id;
    options.value_field = field;
    return locality::io::read_polygon_layer(options);
}

double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

int run(const Args& a) {
    const auto t0 = std::chrono::steady_clock::now();
    const std::vector<std::string> attrs = split(a.attrs);
    locality::io::PolygonLayer layer = read_field(a, attrs.front());
    const std::size_t n = layer.ids.size();
    rg::AttributeMatrix matrix(n, attrs.size());
    for (std::size_t c = 0; c < attrs.size(); ++c) {
        const std::vector<double> values = c == 0 ? layer.values : read_field(a, attrs[c]).values;
        for (std::size_t z = 0; z < n; ++z) matrix.at(z, c) = values[z];
    }
    rg::standardize(matrix);
    const double t_read = seconds_since(t0);
    const auto t1 = std::chrono::steady_clock::now();
    const locality::graph::ContiguityGraph graph = locality::graph::build_contiguity(layer.geometries, {0.0});
    const double t_weights = seconds_since(t1);

    rg::Problem problem;
    problem.graph = &graph;
    problem.attributes = &matrix;
    problem.k = a.k;
    if (!a.pop.empty() && a.floor > 0.0) {
        problem.bounds.push_back(rg::Bound{a.pop, read_field(a, a.pop).values, a.floor});
    }
    rg::SolveOptions options;
    options.method = rg::parse_method(a.method);
    options.seed = a.seed;
    options.starts = a.starts;
    const auto t2 = std::chrono::steady_clock::now();
    const rg::Regionalization result = rg::solve(problem, options);
    rg::validate_regionalization(problem, result);
    const double t_solve = seconds_since(t2);

    std::ofstream out(a.out);
    out << a.id << ",region\n";
    for (std::size_t z = 0; z < n; ++z) out << layer.ids[z] << ',' << result.region_of[z] << '\n';
    std::printf("%zu areas, %zu edges, %d regions, WSS %.4f, method %s\n", n, graph.edge_count(),
                result.region_count, result.within_ss, rg::method_name(options.method).c_str());
    std::printf("{\"t_read\": %.4f, \"t_weights\": %.4f, \"t_solve\": %.4f}\n", t_read, t_weights, t_solve);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const Args args = parse(argc, argv);
        const int threads = args.threads > 0 ? args.threads : tbb::info::default_concurrency();
        tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                                  static_cast<std::size_t>(threads));
        return run(args);
    } catch (const locality::UsageError& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
}
