// SPDX-License-Identifier: MIT
#pragma once

// The one GDAL glue of the project, private to the two modules that may include GDAL: io (reading)
// and output (writing, which names it "io/gdal_glue.hpp"; decision 0006). Registration, the bridge
// from GDAL's error handler to exceptions and to the log, and RAII handles for what GDAL hands out.

#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "locality/io/crs.hpp"

namespace locality::io::detail {

/** Registers GDAL's drivers exactly once per process (concurrent callers wait for the first). */
void ensure_gdal_registered();

/**
 * For its lifetime, routes GDAL's messages of the current thread to this object instead of stderr:
 * it keeps the last failure, so the caller can turn it into an exception (or ignore an expected
 * one), and logs every warning through the project's log ("GDAL warning: ...", passwords hidden),
 * so a warning is never swallowed. Debug messages are dropped. Scopes nest; the innermost one
 * receives the messages.
 */
class GdalErrorScope {
public:
    GdalErrorScope();
    ~GdalErrorScope();
    GdalErrorScope(const GdalErrorScope&) = delete;
    GdalErrorScope& operator=(const GdalErrorScope&) = delete;

    /** Last failure message (or warning when there was no failure); empty when GDAL said nothing. */
    const std::string& last_message() const noexcept { return m_message; }
    /** CPLE number of the last failure (0 when none). */
    int last_number() const noexcept { return m_number; }
    /** Forgets what was captured so far (the warnings stay logged). */
    void reset() noexcept;
    /**
     * Does not log the warnings that begin with `prefix`: for a warning the caller causes on purpose
     * and knows to be harmless, named where it is expected (never to hide GDAL's news in general).
     */
    void expect_warning(std::string prefix) { m_expected.push_back(std::move(prefix)); }

private:
    static void CPL_STDCALL handle(CPLErr level, CPLErrorNum number, const char* message);

    std::string m_message;
    int m_number = 0;
    bool m_have_failure = false;
    std::size_t m_warnings = 0;           // logged by this scope, to cap a flood (see handle)
    std::vector<std::string> m_expected;  // prefixes of the warnings not to log
    // Last member: pushed after the fields above exist, popped before they die.
    CPLErrorHandlerPusher m_pusher;
};

/**
 * The one place where a GDAL failure becomes an exception: throws IoError "`text` (GDAL's last
 * message)" with GDAL's error number. GDAL keeps the last message whatever handler is installed,
 * so this works inside a GdalErrorScope too. Passwords in GDAL's message are hidden.
 */
[[noreturn]] void throw_gdal_error(const std::string& text);

/**
 * Owns the result set of GDALDataset::ExecuteSQL and gives it back to its dataset whatever
 * happens (a row callback that throws included). Null when the statement returned no layer.
 */
class ResultSet {
public:
    ResultSet(GDALDataset& dataset, const std::string& sql);
    ~ResultSet();
    ResultSet(const ResultSet&) = delete;
    ResultSet& operator=(const ResultSet&) = delete;

    explicit operator bool() const noexcept { return m_layer != nullptr; }
    OGRLayer& operator*() const noexcept { return *m_layer; }
    OGRLayer* operator->() const noexcept { return m_layer; }

private:
    GDALDataset& m_dataset;
    OGRLayer* m_layer;
};

}  // namespace locality::io::detail
