// SPDX-License-Identifier: MIT
// Disclosure control: every withheld count must stay unknown to a reader who holds every published
// count and total. The reader is simulated by an exact solver written here (integer elimination and
// rank comparison), independent of the library's.
#include <ogr_spatialref.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "fixtures.hpp"
#include "locality/disclosure/ranges.hpp"
#include "locality/disclosure/suppression.hpp"
#include "locality/pipeline/pipeline.hpp"
#include "pipeline_truth.hpp"
#include "temp_dir.hpp"
#include "test_config.hpp"
#include "text_files.hpp"
#include "two_way_table.hpp"

using locality::disclosure::AdditiveTable;
using locality::disclosure::suppress;

namespace {

using Matrix = std::vector<std::vector<std::int64_t>>;

// Rank by fraction-free elimination on integers (each row divided by its gcd keeps entries small).
std::size_t rank_of(Matrix m) {
    std::size_t rank = 0;
    const std::size_t columns = m.empty() ? 0 : m.front().size();
    for (std::size_t c = 0; c < columns && rank < m.size(); ++c) {
        std::size_t pivot = rank;
        while (pivot < m.size() && m[pivot][c] == 0) {
            ++pivot;
        }
        if (pivot == m.size()) {
            continue;
        }
        std::swap(m[rank], m[pivot]);
        for (std::size_t r = 0; r < m.size(); ++r) {
            if (r == rank || m[r][c] == 0) {
                continue;
            }
            const std::int64_t a = m[rank][c];
            const std::int64_t b = m[r][c];
            std::int64_t g = 0;
            for (std::size_t k = 0; k < columns; ++k) {
                m[r][k] = m[r][k] * a - m[rank][k] * b;
                g = std::gcd(g, std::llabs(m[r][k]));
            }
            if (g > 1) {
                for (std::int64_t& v : m[r]) {
                    v /= g;
                }
            }
        }
        ++rank;
    }
    return rank;
}

// The withheld values a reader can recompute: x_i is determined by the sums when adding the
// equation "x_i = t" does not raise the rank of the system in the withheld unknowns.
std::vector<std::size_t> reader_recovers(const AdditiveTable& table, const std::vector<bool>& withheld) {
    std::vector<std::size_t> unknowns;
    std::vector<long> column(table.values.size(), -1);
    for (std::size_t i = 0; i < withheld.size(); ++i) {
        if (withheld[i]) {
            column[i] = static_cast<long>(unknowns.size());
            unknowns.push_back(i);
        }
    }
    Matrix system;
    for (const AdditiveTable::Sum& sum : table.sums) {
        std::vector<std::int64_t> row(unknowns.size(), 0);
        if (column[sum.total] >= 0) {
            row[static_cast<std::size_t>(column[sum.total])] -= 1;
        }
        for (const std::size_t part : sum.parts) {
            if (column[part] >= 0) {
                row[static_cast<std::size_t>(column[part])] += 1;
            }
        }
        system.push_back(row);
    }
    const std::size_t base = rank_of(system);
    std::vector<std::size_t> out;
    for (std::size_t u = 0; u < unknowns.size(); ++u) {
        Matrix with = system;
        with.emplace_back(unknowns.size(), 0);
        with.back()[u] = 1;
        if (rank_of(with) == base) {
            out.push_back(unknowns[u]);
        }
    }
    return out;
}

// The same question for large systems, answered by one exact elimination: reduce the integer matrix
// to reduced row echelon form (fraction-free, rows divided by their gcd); a withheld value is
// determined exactly when its pivot row has no other non-zero entry (a free unknown never is).
std::vector<std::size_t> reader_recovers_large(const AdditiveTable& table,
                                               const std::vector<bool>& withheld) {
    std::vector<std::size_t> unknowns;
    std::vector<long> column(table.values.size(), -1);
    for (std::size_t i = 0; i < withheld.size(); ++i) {
        if (withheld[i]) {
            column[i] = static_cast<long>(unknowns.size());
            unknowns.push_back(i);
        }
    }
    Matrix m;
    for (const AdditiveTable::Sum& sum : table.sums) {
        std::vector<std::int64_t> row(unknowns.size(), 0);
        bool any = false;
        for (const std::size_t part : sum.parts) {
            if (column[part] >= 0) {
                row[static_cast<std::size_t>(column[part])] += 1;
                any = true;
            }
        }
        if (column[sum.total] >= 0) {
            row[static_cast<std::size_t>(column[sum.total])] -= 1;
            any = true;
        }
        if (any) {
            m.push_back(std::move(row));
        }
    }
    std::vector<std::size_t> pivot_column;
    std::size_t rank = 0;
    std::int64_t largest = 0;  // entries must stay far from overflow for the answer to be exact
    for (std::size_t c = 0; c < unknowns.size() && rank < m.size(); ++c) {
        std::size_t pivot = rank;
        while (pivot < m.size() && m[pivot][c] == 0) {
            ++pivot;
        }
        if (pivot == m.size()) {
            continue;
        }
        std::swap(m[rank], m[pivot]);
        for (std::size_t r = 0; r < m.size(); ++r) {
            if (r == rank || m[r][c] == 0) {
                continue;
            }
            const std::int64_t a = m[rank][c];
            const std::int64_t b = m[r][c];
            std::int64_t g = 0;
            for (std::size_t k = 0; k < unknowns.size(); ++k) {
                m[r][k] = m[r][k] * a - m[rank][k] * b;
                largest = std::max<std::int64_t>(largest, std::llabs(m[r][k]));
                g = std::gcd(g, std::llabs(m[r][k]));
            }
            if (g > 1) {
                for (std::int64_t& v : m[r]) {
                    v /= g;
                }
            }
        }
        pivot_column.push_back(c);
        ++rank;
    }
    REQUIRE(largest < (std::int64_t{1} << 40));
    std::vector<std::size_t> out;
    for (std::size_t r = 0; r < rank; ++r) {
        const auto nonzero = std::count_if(m[r].begin(), m[r].end(), [](std::int64_t v) { return v != 0; });
        if (nonzero == 1) {
            out.push_back(unknowns[pivot_column[r]]);
        }
    }
    return out;
}

/** A rows x columns table with row totals, and column and grand totals locked (published anyway). */
AdditiveTable two_way(const Matrix& cells) { return locality::test::two_way_table(cells, true); }

/** One row of counts and its published total. */
AdditiveTable one_row(const std::vector<std::int64_t>& values) {
    AdditiveTable table;
    AdditiveTable::Sum row;
    for (const std::int64_t v : values) {
        row.parts.push_back(table.add(v));
    }
    row.total = table.add(std::accumulate(values.begin(), values.end(), std::int64_t{0}));
    table.sums.push_back(row);
    return table;
}

void check_protected(const AdditiveTable& table, const std::vector<bool>& withheld, std::int64_t threshold) {
    for (std::size_t i = 0; i < table.values.size(); ++i) {
        INFO("value " << i << " = " << table.values[i]);
        if (table.values[i] > 0 && table.values[i] < threshold && !table.locked[i]) {
            CHECK(withheld[i]);
        }
        if (table.locked[i]) {
            CHECK_FALSE(withheld[i]);
        }
    }
    CHECK(reader_recovers(table, withheld).empty());
}

}  // namespace

TEST_CASE("A single small count is withheld with the smallest other count of its row",
          "[pipeline][disclosure]") {
    const AdditiveTable table = one_row({2, 9, 7});
    const std::vector<bool> withheld = suppress(table, 5);
    // 2 is below 5; alone, 18 - 9 - 7 gives it back, so 7 (smaller than 9 and 18) goes too.
    CHECK(withheld == std::vector<bool>{true, false, true, false});
    CHECK(reader_recovers(table, withheld).empty());
}

TEST_CASE("Zeros are published and a threshold of zero withholds nothing", "[pipeline][disclosure]") {
    CHECK(suppress(one_row({0, 9, 7}), 5) == std::vector<bool>(4, false));
    const AdditiveTable small = two_way({{1, 2}, {3, 4}});
    CHECK(suppress(small, 0) == std::vector<bool>(small.values.size(), false));
}

TEST_CASE("A withheld count cannot be recomputed from row and column totals", "[pipeline][disclosure]") {
    // Hand-checked: 3 (row 1) is withheld; row 1's total gives it back unless another count of row 1
    // goes, and then column totals give that one back unless more go.
    const AdditiveTable table = two_way({{10, 3, 12}, {8, 9, 7}});
    const std::vector<bool> withheld = suppress(table, 5);
    check_protected(table, withheld, 5);
    CHECK(std::count(withheld.begin(), withheld.end(), true) >= 4);  // at least a 2 x 2 block
}

TEST_CASE("Random tables: no withheld count can be recovered from the published ones",
          "[pipeline][disclosure]") {
    std::mt19937 random(20261128);
    std::geometric_distribution<int> small_counts(0.2);
    std::uniform_int_distribution<std::size_t> size(1, 6);
    for (int trial = 0; trial < 300; ++trial) {
        // Two localities at least: with one, its counts are the run's own totals per agency, which
        // summary.json publishes (docs/decisions/0008).
        const std::size_t rows = 1 + size(random);
        const std::size_t columns = size(random);
        Matrix cells(rows, std::vector<std::int64_t>(columns));
        for (auto& row : cells) {
            for (std::int64_t& v : row) {
                v = small_counts(random);
            }
        }
        INFO("trial " << trial << ": " << rows << " x " << columns);
        const AdditiveTable table = two_way(cells);
        check_protected(table, suppress(table, 5), 5);
    }
}

TEST_CASE("The bridge test finds exactly the withheld values that exact linear algebra determines",
          "[pipeline][disclosure]") {
    // Random tables of the three shapes published (a row alone, rows with known column totals, and
    // rows whose column totals are unknown, as in a locality's area table), random withheld sets.
    std::mt19937 random(20261129);
    std::geometric_distribution<int> counts(0.3);
    std::uniform_int_distribution<std::size_t> size(1, 5);
    std::bernoulli_distribution coin(0.4);
    for (int trial = 0; trial < 600; ++trial) {
        const std::size_t rows = size(random);
        const std::size_t columns = size(random);
        Matrix cells(rows, std::vector<std::int64_t>(columns));
        for (auto& row : cells) {
            for (std::int64_t& v : row) {
                v = counts(random);
            }
        }
        AdditiveTable table = trial % 3 == 0 ? one_row(cells.front()) : two_way(cells);
        if (trial % 3 == 2) {
            std::fill(table.locked.begin(), table.locked.end(), false);
        }
        std::vector<bool> withheld(table.values.size());
        for (std::size_t i = 0; i < withheld.size(); ++i) {
            withheld[i] = !table.locked[i] && coin(random);
        }
        INFO("trial " << trial << ": " << rows << " x " << columns);
        std::vector<std::size_t> expected = reader_recovers(table, withheld);
        std::sort(expected.begin(), expected.end());
        CHECK(locality::disclosure::recoverable(table, withheld) == expected);
    }
}

TEST_CASE("Secondary suppression takes the cheapest cycle", "[pipeline][disclosure]") {
    // Hand-worked: rows (1, 20, 30 | 51) and (40, 8, 6 | 54), column totals 41, 28, 36 and 105
    // published. The 1 needs a cycle of withheld counts through it: the rectangle 1, 20, 8, 40
    // withholds 68 more, the rectangle 1, 30, 6, 40 76, and the cycle through the row totals
    // 1, 51, 54, 40 145; the cheapest is the first.
    const AdditiveTable table = two_way({{1, 20, 30}, {40, 8, 6}});
    const std::vector<bool> withheld = suppress(table, 5);
    // values: 1, 20, 30, 51, 40, 8, 6, 54, then the locked column and grand totals.
    CHECK(withheld ==
          std::vector<bool>{true, true, false, false, true, true, false, false, false, false, false, false});
    CHECK(reader_recovers(table, withheld).empty());
}

TEST_CASE("Sums that are not a graph are refused", "[pipeline][disclosure]") {
    AdditiveTable table = one_row({1, 2});
    AdditiveTable::Sum again;
    again.total = table.add(1);
    again.parts = {0};
    table.sums.push_back(again);
    AdditiveTable::Sum third;
    third.total = table.add(1);
    third.parts = {0};
    table.sums.push_back(third);  // value 0 now takes part in three sums
    CHECK_THROWS_AS(suppress(table, 5), std::logic_error);
}

namespace {

using json = nlohmann::json;

/** Builds the reader's equations from published cells: null = withheld (an unknown). */
struct PublishedTables {
    AdditiveTable table;
    std::vector<bool> withheld;
    std::size_t add(const json& cell) {
        withheld.push_back(cell.is_null());
        return table.add(cell.is_null() ? 0 : cell.get<std::int64_t>());
    }
    /** A value as the data has it, withheld or not (for the reader's ranges, which start from a solution). */
    std::size_t add_true(std::int64_t value, bool is_withheld) {
        withheld.push_back(is_withheld);
        return table.add(value);
    }
    std::size_t add_known(std::int64_t value) {
        withheld.push_back(false);
        return table.add(value, true);
    }
};

/**
 * The tables a reader holds after a run, read back from summary.json and area_counts.csv: locality x
 * agency with row totals and the run's totals per agency, and each locality's areas x agency with the
 * area totals and the locality's own counts.
 */
PublishedTables published_tables(const std::string& output) {
    const json summary = json::parse(locality::test::read_text(output + "/summary.json"));
    PublishedTables p;
    const json& agencies = summary.at("cases").at("agencies");
    std::vector<AdditiveTable::Sum> columns(agencies.size());
    std::map<int, std::vector<std::size_t>> locality_cells;  // [agency..., total]
    for (const json& l : summary.at("localities").at("localities")) {
        AdditiveTable::Sum row;
        std::vector<std::size_t>& cells = locality_cells[l.at("locality").get<int>()];
        for (std::size_t a = 0; a < agencies.size(); ++a) {
            cells.push_back(p.add(l.at("cases").at(agencies[a].at("agency").get<std::string>())));
            row.parts.push_back(cells.back());
            columns[a].parts.push_back(cells.back());
        }
        row.total = p.add(l.at("cases_total"));
        cells.push_back(row.total);
        p.table.sums.push_back(row);
    }
    for (std::size_t a = 0; a < agencies.size(); ++a) {
        columns[a].total = p.add_known(agencies[a].at("assigned").get<std::int64_t>());
        p.table.sums.push_back(columns[a]);
    }
    const auto rows = locality::test::read_csv_file(output + "/area_counts.csv");
    const std::vector<std::string>& header = rows.front();
    std::map<int, std::vector<AdditiveTable::Sum>> area_columns;  // per locality: agencies then total
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const int locality = std::stoi(rows[r][1]);
        auto& sums = area_columns[locality];
        if (sums.empty()) {
            sums.resize(agencies.size() + 1);
            for (std::size_t a = 0; a <= agencies.size(); ++a) {
                sums[a].total = locality_cells[locality][a];
            }
        }
        AdditiveTable::Sum row;
        for (std::size_t a = 0; a < agencies.size(); ++a) {
            const std::string& text = rows[r][4 + a];
            REQUIRE(header[4 + a] == agencies[a].at("column").get<std::string>());
            const std::size_t i = p.add(text.empty() ? json() : json(std::stoll(text)));
            row.parts.push_back(i);
            sums[a].parts.push_back(i);
        }
        const std::string& total = rows[r][4 + agencies.size()];
        row.total = p.add(total.empty() ? json() : json(std::stoll(total)));
        sums[agencies.size()].parts.push_back(row.total);
        p.table.sums.push_back(row);
    }
    for (auto& [locality, sums] : area_columns) {
        for (AdditiveTable::Sum& sum : sums) {
            p.table.sums.push_back(sum);
        }
    }
    return p;
}

/** Every text and binary form of a coordinate an output could hold. */
std::vector<std::string> coordinate_forms(double value) {
    std::vector<std::string> out;
    for (const int decimals : {4, 5, 6, 7}) {
        char text[64];
        std::snprintf(text, sizeof text, "%.*f", decimals, value);
        out.emplace_back(text);
    }
    std::string bytes(sizeof value, '\0');
    std::memcpy(bytes.data(), &value, sizeof value);  // little-endian double, as in GeoPackage WKB
    out.push_back(bytes);
    return out;
}

}  // namespace

TEST_CASE("No published count can be recovered and no output holds a case's coordinates",
          "[pipeline][disclosure]") {
    const locality::test::TempDir scratch("locality_disclosure_run");
    // Six cases with 4-decimal coordinates inside the grid cells (EPSG:32618), and the same points in
    // lon/lat with 6 decimals.
    const std::vector<std::pair<double, double>> utm{
        {580123.4567, 4500234.5678}, {580777.1234, 4500345.9876}, {581234.5432, 4500456.1234},
        {582345.6789, 4502567.4321}, {580456.7891, 4502678.2468}, {581567.8912, 4501789.1357}};
    OGRSpatialReference from;
    from.importFromEPSG(32618);
    OGRSpatialReference to;
    to.importFromEPSG(4326);
    to.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    from.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&from, &to));
    REQUIRE(ct);
    std::ofstream projected(scratch.file("projected.csv"));
    std::ofstream lonlat(scratch.file("lonlat.csv"));
    projected << "x,y,agency\n";
    lonlat << "lon,lat,agency\n";
    std::vector<double> forbidden;
    const char* agencies[] = {"police", "health", "police", "schools", "police", "health"};
    for (std::size_t i = 0; i < utm.size(); ++i) {
        double x = utm[i].first;
        double y = utm[i].second;
        projected << std::fixed;
        projected.precision(4);
        projected << x << "," << y << "," << agencies[i] << "\n";
        forbidden.insert(forbidden.end(), {x, y});
        REQUIRE(ct->Transform(1, &x, &y));
        lonlat << std::fixed;
        lonlat.precision(6);
        lonlat << x << "," << y << "," << agencies[i] << "\n";
        forbidden.insert(forbidden.end(), {x, y});
    }
    projected.close();
    lonlat.close();

    for (const auto& [file, crs] : {std::pair<std::string, std::string>{"projected.csv", "EPSG:32618"},
                                    std::pair<std::string, std::string>{"lonlat.csv", "EPSG:4326"}}) {
        INFO("cases " << file);
        locality::pipeline::ProposeOptions config;
        config.areas = {locality::test::data_path("fixtures/grid3x3.geojson"), ""};
        config.area_id_field = "cell_id";
        config.population_field = "pop";
        config.cases.push_back({"", {scratch.file(file), ""}});
        config.agency_field = "agency";
        config.cases_crs = crs;
        config.service_areas.push_back(
            {"halves", {locality::test::data_path("fixtures/halves3x3.geojson"), ""}});
        config.k = 3;
        config.area_counts = true;
        config.output_dir = scratch.file("out_" + file);
        config.command_line = {"propose", "(test)"};
        const auto result = locality::pipeline::run_propose(config);

        const PublishedTables tables = published_tables(config.output_dir);
        CHECK(std::count(tables.withheld.begin(), tables.withheld.end(), true) > 0);
        CHECK(reader_recovers(tables.table, tables.withheld).empty());
        CHECK(reader_recovers_large(tables.table, tables.withheld).empty());
        for (std::size_t i = 0; i < tables.table.values.size(); ++i) {
            // The run's totals per agency are published whatever their size (decision 0008).
            if (!tables.withheld[i] && !tables.table.locked[i]) {
                INFO("published value " << i);
                CHECK((tables.table.values[i] == 0 || tables.table.values[i] >= 5));
            }
        }
        REQUIRE(result.files.size() == 7);  // geojson, qml, gpkg, assignment, area_counts, summary, report
        for (const std::string& output : result.files) {
            const std::string bytes = locality::test::read_text(output);
            for (const double value : forbidden) {
                for (const std::string& form : coordinate_forms(value)) {
                    INFO(output << " must not hold " << value);
                    CHECK(bytes.find(form) == std::string::npos);
                }
            }
        }
    }
}

namespace {

/** The demo's Manhattan tracts (written to `scratch`) with both case files, for a run to be added. */
locality::pipeline::ProposeOptions manhattan_config(const locality::test::TempDir& scratch) {
    const std::string areas = scratch.file("manhattan.gpkg");
    locality::test::write_subset_gpkg(locality::test::data_path("demo/nyc_demo.gpkg"), "tract",
                                      "borough_name = 'Manhattan'", areas);
    locality::pipeline::ProposeOptions config;
    config.areas = {areas, "tract"};
    config.area_id_field = "geoid";
    config.population_field = "population";
    for (const char* file : {"demo/nyc311_2018-06.csv", "demo/nyc311_2022-05-01.csv"}) {
        config.cases.push_back({"", {locality::test::data_path(file), ""}});
    }
    config.agency_field = "Agency";
    return config;
}

}  // namespace

TEST_CASE("Manhattan with area counts: no withheld small count follows from all published tables together",
          "[pipeline][disclosure]") {
    const locality::test::TempDir scratch("locality_disclosure_mn");
    const std::string demo = locality::test::data_path("demo/nyc_demo.gpkg");
    locality::pipeline::ProposeOptions config = manhattan_config(scratch);
    config.service_areas.push_back({"police", {demo, "police"}});
    config.service_areas.push_back({"schools", {demo, "school"}});
    config.k = 30;  // small localities, so that some dominant shares would give a small count away
    config.area_counts = true;
    config.formats = {locality::pipeline::OutputFormat::geojson};
    config.output_dir = scratch.file("out");
    config.command_line = {"propose", "(test)"};
    locality::pipeline::run_propose(config);
    const PublishedTables tables = published_tables(config.output_dir);
    const auto withheld = std::count(tables.withheld.begin(), tables.withheld.end(), true);
    INFO(withheld << " withheld of " << tables.withheld.size());
    CHECK(withheld > 50);
    // Read together, the tables may determine a withheld count that is not small (a secondary one:
    // 0 or at least 5); never a small one (decision 0032: the joint audit keeps every small count's
    // range wide). The truth: the same run with every count published (same localities).
    locality::pipeline::ProposeOptions open = config;
    open.suppress_below = 0;
    open.output_dir = scratch.file("open");
    locality::pipeline::run_propose(open);
    const PublishedTables truth = published_tables(open.output_dir);
    REQUIRE(truth.table.values.size() == tables.table.values.size());
    for (const std::size_t i : reader_recovers_large(tables.table, tables.withheld)) {
        INFO("withheld value " << i << " is determined: " << truth.table.values[i]);
        CHECK_FALSE((truth.table.values[i] > 0 && truth.table.values[i] < 5));
    }

    // A published dominant_case_share times a published total estimates the cases inside the
    // dominant service area, and the rest those outside: neither may be from 1 to 4.
    const json summary = json::parse(locality::test::read_text(config.output_dir + "/summary.json"));
    std::size_t shares = 0;
    std::size_t withheld_shares = 0;  // beside a published total
    std::size_t shares_beside_withheld = 0;
    for (const json& l : summary.at("localities").at("localities")) {
        for (const auto& [layer, alignment] : l.at("alignment").items()) {
            const json& share = alignment.at("dominant_case_share");
            if (l.at("cases_total").is_null()) {
                // Issue 18 item 2: a share says the total is not 0 (a null share means "no cases"),
                // which with the other counts published can give the withheld total back.
                INFO("locality " << l.at("locality") << " " << layer << ": share " << share
                                 << " beside a withheld total");
                CHECK(share.is_null());
                shares_beside_withheld += share.is_null() ? 1 : 0;
                continue;
            }
            if (share.is_null()) {
                ++withheld_shares;
                continue;
            }
            ++shares;
            const std::int64_t total = l.at("cases_total").get<std::int64_t>();
            // Issue 18 item 1: exact, share x total pinned the area straddling the service area's
            // edge; a share is published only in tenths, and only where a tenth is 5 cases or more.
            CHECK(total >= 50);
            CHECK(std::fabs(share.get<double>() * 10.0 - std::round(share.get<double>() * 10.0)) < 1e-9);
            const std::int64_t inside = std::llround(share.get<double>() * static_cast<double>(total));
            INFO("locality " << l.at("locality") << " " << layer << ": " << share << " of " << total);
            CHECK_FALSE((inside > 0 && inside < 5));
            CHECK_FALSE((total - inside > 0 && total - inside < 5));
        }
    }
    CHECK(shares > 0);
    // (Whether some share beside a published total is withheld now depends on the joint pattern.)
    (void)withheld_shares;
    CHECK(shares_beside_withheld > 0);
}

TEST_CASE("Overlay of Manhattan: no withheld area count follows from area_counts.csv and summary.json",
          "[pipeline][disclosure]") {
    const locality::test::TempDir scratch("locality_disclosure_overlay");
    locality::pipeline::ProposeOptions config = manhattan_config(scratch);
    config.output_dir = scratch.file("out");
    config.command_line = {"overlay", "(test)"};
    locality::pipeline::run_overlay(
        locality::pipeline::shared_parts<locality::pipeline::OverlayOptions>(config));
    config.suppress_below = 0;
    config.output_dir = scratch.file("exact");
    locality::pipeline::run_overlay(
        locality::pipeline::shared_parts<locality::pipeline::OverlayOptions>(config));

    // The reader's tables: every area x agency with the area totals, and the agencies' assigned
    // cases from summary.json as column totals.
    const json summary = json::parse(locality::test::read_text(scratch.file("out/summary.json")));
    const json& agencies = summary.at("cases").at("agencies");
    const auto rows = locality::test::read_csv_file(scratch.file("out/area_counts.csv"));
    const auto exact = locality::test::read_csv_file(scratch.file("exact/area_counts.csv"));
    REQUIRE(rows.size() == exact.size());
    PublishedTables p;
    std::vector<AdditiveTable::Sum> columns(agencies.size());
    AdditiveTable::Sum all;
    std::int64_t grand = 0;
    std::size_t small = 0;
    std::size_t one_category = 0;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        AdditiveTable::Sum row;
        std::size_t published_nonzero = 0;
        std::size_t withheld_cells = 0;
        for (std::size_t a = 0; a <= agencies.size(); ++a) {
            const std::size_t at = 2 + a;
            if (a < agencies.size()) {
                REQUIRE(rows[0][at] == agencies[a].at("column").get<std::string>());
            }
            const std::string& text = rows[r][at];
            const std::int64_t truth = std::stoll(exact[r][at]);
            INFO(rows[r][0] << " " << rows[0][at] << " = " << truth);
            // Withheld are null and named; every count from 1 to 4 is withheld; published ones are exact.
            CHECK(text.empty() == (rows[r].back().find(rows[0][at]) != std::string::npos));
            if (truth > 0 && truth < 5) {
                CHECK(text.empty());
                ++small;
            }
            if (!text.empty()) {
                CHECK(std::stoll(text) == truth);
            }
            const std::size_t i = p.add_true(truth, text.empty());
            if (a < agencies.size()) {
                row.parts.push_back(i);
                columns[a].parts.push_back(i);
                published_nonzero += !text.empty() && truth != 0 ? 1 : 0;
                withheld_cells += text.empty() ? 1 : 0;
            } else {
                // Issue 18 item 5: a withheld total beside one withheld agency and zeros elsewhere
                // tells that every case of the area is that agency's.
                one_category += text.empty() && withheld_cells == 1 && published_nonzero == 0 ? 1 : 0;
                row.total = i;
                all.parts.push_back(i);
            }
        }
        p.table.sums.push_back(row);
    }
    for (std::size_t a = 0; a < agencies.size(); ++a) {
        columns[a].total = p.add_known(agencies[a].at("assigned").get<std::int64_t>());
        grand += agencies[a].at("assigned").get<std::int64_t>();
        p.table.sums.push_back(columns[a]);
    }
    all.total = p.add_known(grand);
    p.table.sums.push_back(all);
    const auto withheld = std::count(p.withheld.begin(), p.withheld.end(), true);
    INFO(withheld << " withheld of " << p.withheld.size() << ", " << small << " below 5");
    CHECK(small > 100);
    CHECK(summary.at("disclosure").at("area_counts_withheld").get<long>() == withheld);
    CHECK(reader_recovers_large(p.table, p.withheld).empty());
    CHECK(grand == summary.at("cases").at("total").at("assigned").get<std::int64_t>());
    // The attacker's audit (issue 18 items 4 and 5): with the prior bounds (a withheld small count is
    // from 1 to 4, any other withheld one at least 0), the published table narrows no small count
    // (linear-programming bounds, exact on this table: tests/unit/disclosure/test_ranges.cpp checks
    // them against enumeration), and no area's cases are shown to be all one agency's.
    const auto narrowed = locality::disclosure::narrowed(p.table, p.withheld, 5);
    INFO(narrowed.size() << " small counts narrowed, " << one_category << " areas all in one category");
    CHECK(narrowed.empty());
    CHECK(one_category == 0);
}

namespace {

/** One area of the `areas` layer of localities.gpkg: its need class (0 when null) and published total. */
struct PublishedArea {
    int need_class = 0;
    double population = 0.0;
    bool total_published = false;
    std::int64_t total = 0;
};

std::map<std::string, PublishedArea> published_areas(const std::string& gpkg) {
    const GDALDatasetUniquePtr ds = locality::test::open_vector(gpkg);
    OGRLayer& layer = locality::test::layer_of(*ds, "areas", gpkg);
    std::map<std::string, PublishedArea> out;
    const int need_at = layer.GetLayerDefn()->GetFieldIndex("need_quintile");
    const int total_at = layer.GetLayerDefn()->GetFieldIndex("cases_total");
    REQUIRE(need_at >= 0);
    for (const auto& feature : layer) {
        PublishedArea area;
        area.need_class = feature->IsFieldSetAndNotNull(need_at) ? feature->GetFieldAsInteger(need_at) : 0;
        area.population = feature->GetFieldAsDouble("population");
        if (total_at >= 0 && feature->IsFieldSetAndNotNull(total_at)) {
            area.total_published = true;
            area.total = feature->GetFieldAsInteger64("cases_total");
        }
        out[feature->GetFieldAsString("area_id")] = area;
    }
    return out;
}

}  // namespace

TEST_CASE(
    "Manhattan: a need class is published only where the area's total is, and ranks only published rates",
    "[pipeline][disclosure]") {
    const locality::test::TempDir scratch("locality_disclosure_class");
    locality::pipeline::ProposeOptions config = manhattan_config(scratch);
    // The exact counts per area, from an overlay without disclosure control.
    config.suppress_below = 0;
    config.output_dir = scratch.file("exact");
    config.command_line = {"overlay", "(test)"};
    locality::pipeline::run_overlay(
        locality::pipeline::shared_parts<locality::pipeline::OverlayOptions>(config));
    std::map<std::string, std::int64_t> exact;
    const auto rows = locality::test::read_csv_file(scratch.file("exact/area_counts.csv"));
    const auto total_at = static_cast<std::size_t>(
        std::find(rows.front().begin(), rows.front().end(), "cases_total") - rows.front().begin());
    REQUIRE(total_at < rows.front().size());
    for (std::size_t r = 1; r < rows.size(); ++r) {
        exact[rows[r][0]] = std::stoll(rows[r][total_at]);
    }

    config.suppress_below = 5;
    config.k = 8;
    config.formats = {locality::pipeline::OutputFormat::gpkg};
    config.area_counts = true;
    config.output_dir = scratch.file("counts");
    config.command_line = {"propose", "(test)"};
    locality::pipeline::run_propose(config);
    config.area_counts = false;
    config.output_dir = scratch.file("classes");
    locality::pipeline::run_propose(config);
    const auto with_counts = published_areas(scratch.file("counts/localities.gpkg"));
    const auto classes_only = published_areas(scratch.file("classes/localities.gpkg"));
    REQUIRE(with_counts.size() == exact.size());
    REQUIRE(classes_only.size() == exact.size());

    // The class the published figures give: the fifth of the published rates each falls in (ties share one).
    std::vector<double> published_rates;
    for (const auto& [id, area] : with_counts) {
        if (area.total_published && area.population > 0.0) {
            published_rates.push_back(1000.0 * static_cast<double>(area.total) / area.population);
        }
    }
    std::sort(published_rates.begin(), published_rates.end());
    std::size_t small = 0;
    std::size_t classed = 0;
    for (const auto& [id, area] : with_counts) {
        INFO("area " << id << ": " << exact.at(id) << " cases, class " << area.need_class);
        const std::int64_t truth = exact.at(id);
        if (truth > 0 && truth < 5) {
            ++small;
            CHECK(area.need_class == 0);  // a class would say "not zero" and, with the population, a range
        }
        if (!area.total_published || !(area.population > 0.0)) {
            CHECK(area.need_class == 0);
        } else {
            ++classed;
            CHECK(area.total == truth);
            const double rate = 1000.0 * static_cast<double>(area.total) / area.population;
            const auto lower = static_cast<std::size_t>(
                std::lower_bound(published_rates.begin(), published_rates.end(), rate) -
                published_rates.begin());
            CHECK(area.need_class == 1 + static_cast<int>(5 * lower / published_rates.size()));
        }
        // Without --area-counts the layer carries the same classes: derived from the same protected table.
        CHECK(classes_only.at(id).need_class == area.need_class);
    }
    CHECK(small > 50);
    CHECK(classed > 50);
}
