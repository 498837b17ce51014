// SPDX-License-Identifier: MIT
// The overlay against independent truth: NYC case counts recomputed with OGR alone, and LA 311
// requests located by locality's own readers and locator compared with the neighbourhood council
// the City of Los Angeles assigned to each request.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "locality/io/crs.hpp"
#include "locality/io/polygon_layer.hpp"
#include "locality/overlay/point_locator.hpp"
#include "locality/pipeline/pipeline.hpp"
#include "pipeline_truth.hpp"
#include "skip.hpp"
#include "temp_dir.hpp"
#include "test_config.hpp"
#include "text_files.hpp"

namespace {

using locality::test::CaseRow;

/** Cases per (tract id, agency) in area_counts.csv, from its `cases_<agency>` columns. */
std::map<std::pair<std::string, std::string>, std::int64_t> counts_from_csv(
    const std::string& path, const std::map<std::string, std::string>& agency_of_column) {
    const auto rows = locality::test::read_csv_file(path);
    REQUIRE(!rows.empty());
    const std::vector<std::string>& header = rows.front();
    REQUIRE(header.at(0) == "area_id");
    std::map<std::pair<std::string, std::string>, std::int64_t> out;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        for (std::size_t c = 1; c < header.size(); ++c) {
            const auto agency = agency_of_column.find(header[c]);
            if (agency != agency_of_column.end() && std::stoll(rows[r].at(c)) != 0) {
                out[{rows[r][0], agency->second}] = std::stoll(rows[r][c]);
            }
        }
    }
    return out;
}

}  // namespace

TEST_CASE("Overlay counts per tract and agency equal an OGR-only recount of the NYC 311 file", "[pipeline]") {
    const std::string gpkg = locality::test::data_path("demo/nyc_demo.gpkg");
    const std::string csv = locality::test::data_path("demo/nyc311_2018-06.csv");
    const locality::test::TempDir scratch("locality_overlay_nyc");
    locality::pipeline::OverlayOptions config;
    config.areas = {gpkg, "tract"};
    config.area_id_field = "geoid";
    config.population_field = "population";
    config.cases.push_back({"", {csv, ""}});
    config.agency_field = "Agency";
    config.suppress_below = 0;  // the exact counts, to compare with the recount
    config.output_dir = scratch.file("out");
    locality::pipeline::run_overlay(config);

    // Truth: GDAL's CSV driver, OGR's transformation to EPSG:2263 and OGR's Intersects.
    const std::vector<CaseRow> rows = locality::test::read_case_rows(csv, "Agency");
    const locality::test::TruthAreas tracts = locality::test::read_truth_areas(gpkg, "tract", "geoid", "");
    const locality::test::OgrLocation located = locality::test::locate_with_ogr(gpkg, "tract", rows);
    std::map<std::pair<std::string, std::string>, std::int64_t> expected;
    std::size_t with_point = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        with_point += rows[i].has_point ? 1 : 0;
        if (located.area_of[i] >= 0) {
            expected[{tracts.ids[static_cast<std::size_t>(located.area_of[i])], rows[i].agency}] += 1;
        }
    }
    // The shared data's README: 893 rows with coordinates, all inside a tract.
    CHECK(rows.size() == 1000);
    CHECK(with_point == 893);
    // No point of this file lies on a boundary shared by two tracts (or at a shared vertex), so the
    // lowest-index tie-break of both sides is not exercised here; it is covered in tests/unit/overlay.
    CHECK(located.ties == 0);

    const nlohmann::json summary =
        nlohmann::json::parse(locality::test::read_text(scratch.file("out/summary.json")));
    std::map<std::string, std::string> agency_of_column;
    for (const auto& agency : summary.at("cases").at("agencies")) {
        agency_of_column[agency.at("column").get<std::string>()] = agency.at("agency").get<std::string>();
    }
    CHECK(agency_of_column.size() == 16);
    const auto actual = counts_from_csv(scratch.file("out/area_counts.csv"), agency_of_column);
    std::int64_t total = 0;
    for (const auto& [key, n] : expected) {
        total += n;
    }
    CHECK(total == 893);
    CHECK(actual == expected);
}

namespace {

/** Upper case, designators dropped ("NC", "CC", "NDC", "COUNCIL", "AREA"), letters and digits only. */
std::string normalise_nc(const std::string& name) {
    std::string upper;
    for (const char c : name) {
        upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    auto drop_suffix = [&upper](const std::string& suffix) {
        if (upper.size() > suffix.size() &&
            upper.compare(upper.size() - suffix.size(), suffix.size(), suffix) == 0) {
            upper.erase(upper.size() - suffix.size());
            return true;
        }
        return false;
    };
    while (drop_suffix(" NC") || drop_suffix(" CC") || drop_suffix(" NDC") || drop_suffix(" COUNCIL") ||
           drop_suffix(" AREA")) {
    }
    if (upper.rfind("NC ", 0) == 0) {
        upper.erase(0, 3);
    }
    std::string out;
    for (const char c : upper) {
        if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
            out += c;
        }
    }
    return out;
}

/**
 * Councils renamed between the 2018 requests and the 2020 boundaries (EmpowerLA), as
 * (NCName of 2018, Name of 2020); normalisation alone cannot pair them.
 */
const std::vector<std::pair<std::string, std::string>> k_renamed{
    {"COMMUNITY AND NEIGHBORS FOR NINTH DISTRICT UNITY (CANNDU)", "CANNDU"},
    {"GREATER ECHO PARK ELYSIAN NC", "Echo Park"},
    {"HISTORIC CULTURAL NC", "Historic Cultural North"},
    {"MID-TOWN NORTH HOLLYWOOD NC", "NoHo"},
    {"NOHO WEST NC", "North Hollywood West"},
    {"UNITED NEIGHBORHOODS OF THE HISTORIC ARLINGTON HEIGHTS, WEST ADAMS, AND JEFFERSON PARK COMMUNITY",
     "United Neighborhoods"},
    {"VOICES OF 90037", "Voices"},
    {"WEST LOS ANGELES NC", "West LA - Sawtelle"},
};

}  // namespace

TEST_CASE("LA 311 requests located in the 2020 neighbourhood councils agree with the City's NCName",
          "[pipeline][shared]") {
    const std::string dir = "la-311-sample/";
    const std::string polygons =
        locality::test::shared_data_path(dir + "la_neighborhood_councils_2020.geojson");
    const std::string csv = locality::test::shared_data_path(dir + "myla311_2018-01_mini.csv");
    locality::test::skip_unless_present(polygons);
    locality::test::skip_unless_present(csv);
    namespace io = locality::io;
    io::PolygonLayer councils = io::read_polygon_layer({{polygons, ""}, "Name", "", "councils", false});
    REQUIRE(councils.ids.size() == 100);  // Westwood has two rows
    const io::Crs working = io::choose_working_crs(councils.crs, councils.extent);
    io::reproject(councils, working);
    const locality::overlay::PointLocator locator(councils.geometries);

    // The City's answer per row: read_case_rows' "agency" is here the NCName column.
    const std::vector<CaseRow> rows = locality::test::read_case_rows(csv, "NCName");
    std::vector<double> x;
    std::vector<double> y;
    std::vector<std::string> city;
    for (const CaseRow& row : rows) {
        if (row.has_point) {
            x.push_back(row.lon);
            y.push_back(row.lat);
            city.push_back(row.agency);
        }
    }
    REQUIRE(x.size() == 8898);  // the folder's README
    const std::unique_ptr<bool[]> ok(new bool[x.size()]());
    io::Transformer(io::Crs::wgs84(), working, "LA 311").transform(x.size(), x.data(), y.data(), ok.get());

    // Map normalised 2018 names to normalised 2020 names; list the names nothing maps to.
    std::map<std::string, std::string> to_2020;
    for (const auto& [old_name, new_name] : k_renamed) {
        to_2020[normalise_nc(old_name)] = normalise_nc(new_name);
    }
    std::set<std::string> polygon_names;
    for (const std::string& name : councils.ids) {
        polygon_names.insert(normalise_nc(name));
    }
    std::set<std::string> city_unmatched;
    std::set<std::string> city_names;
    std::size_t agree = 0;
    std::size_t outside = 0;
    std::size_t no_city_name = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        std::string expected = normalise_nc(city[i]);
        expected = to_2020.count(expected) != 0 ? to_2020.at(expected) : expected;
        city_names.insert(expected);
        if (!city[i].empty() && polygon_names.count(expected) == 0) {
            city_unmatched.insert(city[i]);
        }
        no_city_name += city[i].empty() ? 1 : 0;
        const locality::ZoneId zone = ok[i] ? locator.locate(x[i], y[i]) : locality::k_no_zone;
        if (zone == locality::k_no_zone) {
            outside += 1;
            continue;
        }
        agree += normalise_nc(councils.ids[static_cast<std::size_t>(zone)]) == expected ? 1 : 0;
    }
    std::set<std::string> polygon_unmatched;
    for (const std::string& name : councils.ids) {
        if (city_names.count(normalise_nc(name)) == 0) {
            polygon_unmatched.insert(name);
        }
    }
    // Every 2018 council has a 2020 polygon; the two councils certified in 2019 have no 2018 name.
    CHECK(city_unmatched.empty());
    CHECK(polygon_unmatched == std::set<std::string>{"Arts District Little Tokyo", "North Westwood"});

    // Measured on this data (Debian 12: GEOS 3.11, PROJ 9.1): of 8,898 rows with coordinates 8,639
    // agree (97.09%); an OGR Intersects recount in Python gives the same 8,639. The 259 others:
    // - 126 fall in no council (counted in EPSG:3857, see below); 107 of them the City also left without an
    // NCName (areas no council
    //   covers); the City put the other 19 in a council (e.g. 4 Voices of 90037, 4 Empowerment
    //   Congress Southeast) but they lie outside every 2020 polygon;
    // - 5 located rows have an empty NCName (Bel Air-Beverly Crest);
    // - 28 are in the two councils certified in 2019, after these requests: Arts District Little
    //   Tokyo (12, then Historic Cultural) and North Westwood (16, then Westwood);
    // - 100 lie where boundaries moved between 2018 and 2020, chiefly North Hollywood Northeast /
    //   Mid-Town North Hollywood (41) and Granada Hills South / North Hills West (15), and a few
    //   geocoded across a boundary street.
    // - the overlay works in a local equal-area CRS (the councils come in Web Mercator; see
    //   docs/decisions/0001), where polygon edges are straight lines of that CRS rather than of Web
    //   Mercator: one request a few metres from a council edge falls inside it there, so 125 rows
    //   fall in no council (126 when counted in EPSG:3857 as OGR does); agreement is unchanged.
    CAPTURE(agree, outside);
    CHECK(agree == 8639);
    CHECK(outside == 125);
    CHECK(no_city_name == 112);
    const double rate = static_cast<double>(agree) / static_cast<double>(x.size());
    CHECK(rate >= 0.97);
}
