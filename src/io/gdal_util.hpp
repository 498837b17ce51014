// SPDX-License-Identifier: MIT
#pragma once

// Private to src/io: the GDAL error bridge and dataset opening shared by the readers.

#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <string>
#include <string_view>
#include <vector>

#include "locality/io/source_spec.hpp"

namespace locality::io::detail {

/** Registers GDAL's drivers exactly once per process. */
void ensure_gdal_registered();

/**
 * For its lifetime, routes GDAL's messages of the current thread to this object instead of stderr
 * and keeps the last failure, so the caller can turn it into an exception. Scopes nest.
 */
class GdalErrorScope {
public:
    GdalErrorScope();
    ~GdalErrorScope() = default;
    GdalErrorScope(const GdalErrorScope&) = delete;
    GdalErrorScope& operator=(const GdalErrorScope&) = delete;

    /** Last failure message (or warning when there was no failure); empty when GDAL said nothing. */
    const std::string& last_message() const noexcept { return m_message; }
    /** CPLE number of the last failure (0 when none). */
    int last_number() const noexcept { return m_number; }
    /** Forgets what was captured so far. */
    void reset() noexcept;

private:
    static void CPL_STDCALL handle(CPLErr level, CPLErrorNum number, const char* message);

    std::string m_message;
    int m_number = 0;
    bool m_have_failure = false;
    // Last member: pushed after the fields above exist, popped before they die.
    CPLErrorHandlerPusher m_pusher;
};

/** Opens `source` read-only as a vector dataset; throws IoError "cannot open ROLE 'label': reason". */
GDALDatasetUniquePtr open_vector(const SourceSpec& source, const std::string& role, GdalErrorScope& errors,
                                 const std::vector<std::string>& open_options = {});

/** The layer `source.layer` names, or the first one; throws InputError listing the layers. */
OGRLayer& select_layer(GDALDataset& dataset, const SourceSpec& source, const std::string& role);

/** Index of the field named exactly `name`, or -1. GDAL's own lookup ignores case, which we do not. */
int find_field_exact(const OGRFeatureDefn& defn, std::string_view name);

/** "(did you mean 'X'?)" when a name differs only in case, else "(fields: a, b, ...)". */
std::string suggest_name(std::string_view wanted, const std::vector<std::string>& names);

/** Names of the fields of `defn`, in order. */
std::vector<std::string> field_names(const OGRFeatureDefn& defn);

/** ASCII case-insensitive equality. */
bool iequals(std::string_view a, std::string_view b) noexcept;

/** `text` without leading and trailing spaces, tabs, CR and LF. */
std::string_view trim(std::string_view text) noexcept;

}  // namespace locality::io::detail
