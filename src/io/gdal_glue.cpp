// SPDX-License-Identifier: MIT
#include "gdal_glue.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <mutex>

#include "locality/core/error.hpp"
#include "locality/io/connection.hpp"

namespace locality::io::detail {

namespace {

// A GDAL driver can warn once per feature; past this many a scope only counts them.
constexpr std::size_t k_max_logged_warnings = 20;

// GDAL calls handlers from whichever thread works (TBB writers included), and the CLI's logger is
// single-threaded: one message at a time.
void log_warning(const std::string& text) {
    static std::mutex mutex;
    const std::lock_guard<std::mutex> lock(mutex);
    spdlog::warn("GDAL warning: {}", text);
}

}  // namespace

void ensure_gdal_registered() {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

GdalErrorScope::GdalErrorScope() : m_pusher(&GdalErrorScope::handle, this) {}

GdalErrorScope::~GdalErrorScope() {
    if (m_warnings > k_max_logged_warnings) {
        try {
            log_warning(std::to_string(m_warnings - k_max_logged_warnings) + " more warnings not shown");
        } catch (...) {  // a destructor must not throw; losing the count is the lesser harm
        }
    }
}

void GdalErrorScope::reset() noexcept {
    m_message.clear();
    m_number = 0;
    m_have_failure = false;
}

void CPL_STDCALL GdalErrorScope::handle(CPLErr level, CPLErrorNum number, const char* message) {
    auto* self = static_cast<GdalErrorScope*>(CPLGetErrorHandlerUserData());
    if (self == nullptr || level == CE_Debug || level == CE_None) {
        return;
    }
    const std::string text = message != nullptr ? message : "";
    const bool failure = level == CE_Failure || level == CE_Fatal;
    const auto expected = [&] {
        return std::any_of(self->m_expected.begin(), self->m_expected.end(), [&](const std::string& prefix) {
            return text.compare(0, prefix.size(), prefix) == 0;
        });
    };
    if (!failure && !expected()) {
        // GDAL calls handlers from C: nothing may escape, and a warning never stops the work.
        try {
            if (++self->m_warnings <= k_max_logged_warnings) {
                log_warning(redact_credentials(text));
            }
        } catch (...) {
        }
    }
    // A warning must not hide the failure that explains an error return.
    if (failure || !self->m_have_failure) {
        self->m_message = text;
        self->m_number = failure ? static_cast<int>(number) : 0;
        self->m_have_failure = self->m_have_failure || failure;
    }
}

[[noreturn]] void throw_gdal_error(const std::string& text) {
    std::string full = text;
    const char* message = CPLGetLastErrorMsg();
    if (message != nullptr && *message != '\0') {
        full += " (" + redact_credentials(message) + ")";
    }
    throw IoError(full, CPLGetLastErrorNo());
}

ResultSet::ResultSet(GDALDataset& dataset, const std::string& sql)
    : m_dataset(dataset), m_layer(dataset.ExecuteSQL(sql.c_str(), nullptr, nullptr)) {}

ResultSet::~ResultSet() {
    if (m_layer != nullptr) {
        m_dataset.ReleaseResultSet(m_layer);
    }
}

}  // namespace locality::io::detail
