// SPDX-License-Identifier: MIT
// The one GDAL glue (src/io/gdal_glue.hpp): warnings reach the log, failures become exceptions, and
// a result set is given back whatever happens. The sanitizer stage runs these under LeakSanitizer,
// which reports a result set that was never released.
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <catch2/catch.hpp>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>

#include "io/gdal_glue.hpp"
#include "io/gdal_util.hpp"
#include "locality/core/error.hpp"
#include "locality/io/source_spec.hpp"
#include "temp_dir.hpp"

using namespace locality;
using namespace locality::io;

namespace {

/** Sends the default logger's messages to a string while alive, then puts the old logger back. */
class LogCapture {
public:
    LogCapture() : m_saved(spdlog::default_logger()) {
        auto logger = std::make_shared<spdlog::logger>(
            "capture", std::make_shared<spdlog::sinks::ostream_sink_st>(m_text));
        logger->set_pattern("%l: %v");
        logger->set_level(spdlog::level::trace);
        spdlog::set_default_logger(logger);
    }
    ~LogCapture() { spdlog::set_default_logger(m_saved); }
    LogCapture(const LogCapture&) = delete;
    LogCapture& operator=(const LogCapture&) = delete;

    std::string text() const { return m_text.str(); }

private:
    std::ostringstream m_text;
    std::shared_ptr<spdlog::logger> m_saved;
};

const char* const k_two_squares =
    R"({"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"GEOID": "1"},
 "geometry": {"type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1],[0,1],[0,0]]]}},
{"type": "Feature", "properties": {"GEOID": "2"},
 "geometry": {"type": "Polygon", "coordinates": [[[1,0],[2,0],[2,1],[1,1],[1,0]]]}}]})";

}  // namespace

TEST_CASE("A GDAL warning while opening a layer reaches the log", "[io]") {
    const test::TempFile file(".geojson", k_two_squares);
    LogCapture log;
    detail::GdalErrorScope errors;
    // GDAL warns (CPLE_NotSupported) about an open option the driver does not know, and opens anyway.
    const GDALDatasetUniquePtr dataset =
        detail::open_vector(parse_source(file.path()), "areas", errors, {"NO_SUCH_OPTION=YES"});
    REQUIRE(dataset);
    const std::string text = log.text();
    CHECK(text.find("warning: GDAL warning: ") != std::string::npos);
    CHECK(text.find("NO_SUCH_OPTION") != std::string::npos);
}

TEST_CASE("A logged GDAL warning hides passwords, and a flood of them is capped", "[io]") {
    LogCapture log;
    {
        detail::GdalErrorScope errors;
        CPLError(CE_Warning, CPLE_AppDefined, "cannot reach PG:dbname=cases user=ana password=s3cret");
        for (int i = 0; i < 100; ++i) {
            CPLError(CE_Warning, CPLE_AppDefined, "warning number %d", i);
        }
        // Warnings are kept as the last message until a failure replaces it.
        CHECK(errors.last_number() == 0);
        CPLError(CE_Failure, CPLE_OpenFailed, "the failure");
        CHECK(errors.last_message() == "the failure");
        CHECK(errors.last_number() == CPLE_OpenFailed);
    }
    const std::string text = log.text();
    CHECK(text.find("s3cret") == std::string::npos);
    CHECK(text.find("cannot reach PG:dbname=cases") != std::string::npos);
    // 20 logged (the password one and numbers 0 to 18), then one line counting the 81 others.
    CHECK(text.find("warning number 18\n") != std::string::npos);
    CHECK(text.find("warning number 19\n") == std::string::npos);
    CHECK(text.find("81 more warnings not shown") != std::string::npos);
    // A failure is the caller's to throw, never logged.
    CHECK(text.find("the failure") == std::string::npos);
}

TEST_CASE("throw_gdal_error adds GDAL's last message without its passwords", "[io]") {
    const detail::GdalErrorScope errors;
    CPLError(CE_Failure, CPLE_FileIO, "write failed on host=db password=s3cret");
    try {
        detail::throw_gdal_error("cannot write 'x.gpkg': cannot finish the file");
        FAIL("no exception");
    } catch (const IoError& e) {
        const std::string text = e.what();
        CHECK(text.rfind("cannot write 'x.gpkg': cannot finish the file (write failed on host=db", 0) == 0);
        CHECK(text.find("s3cret") == std::string::npos);
    }
}

TEST_CASE("A result set is given back when a row callback throws", "[io]") {
    const test::TempFile file(".geojson", k_two_squares);
    detail::GdalErrorScope errors;
    const GDALDatasetUniquePtr dataset = detail::open_vector(parse_source(file.path()), "areas", errors);
    const std::string sql = "SELECT GEOID FROM input ORDER BY GEOID";
    int rows = 0;
    const auto count_then_throw = [&] {
        const detail::ResultSet result(*dataset, sql);
        REQUIRE(result);
        for (const auto& feature : *result) {
            ++rows;
            if (std::string(feature->GetFieldAsString(0)) == "2") {
                throw std::runtime_error("callback failed");
            }
        }
    };
    // Without the handle the OGR SQL layer would leak here (LeakSanitizer reports it).
    REQUIRE_THROWS_WITH(count_then_throw(), "callback failed");
    CHECK(rows == 2);
    // The dataset is still usable and answers the same query again.
    const detail::ResultSet again(*dataset, sql);
    REQUIRE(again);
    CHECK(again->GetFeatureCount() == 2);
}

TEST_CASE("A statement GDAL refuses gives an empty result set, not a crash", "[io]") {
    const test::TempFile file(".geojson", k_two_squares);
    detail::GdalErrorScope errors;
    const GDALDatasetUniquePtr dataset = detail::open_vector(parse_source(file.path()), "areas", errors);
    const detail::ResultSet result(*dataset, "SELECT nothing FROM no_such_layer");
    CHECK_FALSE(result);
    CHECK(errors.last_number() != 0);
    CHECK(errors.last_message().find("no_such_layer") != std::string::npos);
}

TEST_CASE("A warning the caller expects is not logged, and the others still are", "[io]") {
    LogCapture log;
    {
        detail::GdalErrorScope errors;
        errors.expect_warning("The filename extension should be 'gpkg'");
        CPLError(
            CE_Warning, CPLE_AppDefined,
            "The filename extension should be 'gpkg' instead of 'tmp' to conform to the GPKG specification.");
        CPLError(CE_Warning, CPLE_AppDefined, "something else");
    }
    const std::string text = log.text();
    CHECK(text.find("extension") == std::string::npos);
    CHECK(text.find("warning: GDAL warning: something else") != std::string::npos);
}
