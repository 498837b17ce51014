// SPDX-License-Identifier: MIT
#include "progress_display.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>

namespace locality::cli {

ProgressStyle choose_progress_style(bool quiet, bool force_on, bool force_off) {
    if (quiet || force_off) {
        return ProgressStyle::none;
    }
    (void)force_on;  // lines are already the default off a terminal
    return isatty(STDERR_FILENO) != 0 ? ProgressStyle::bar : ProgressStyle::lines;
}

ProgressDisplay::~ProgressDisplay() { finish(); }

ProgressSink ProgressDisplay::sink() {
    if (m_style == ProgressStyle::none && !m_timings) {
        return {};
    }
    return [this](double fraction, std::string_view stage) {
        show(fraction, stage);
        return true;
    };
}

void ProgressDisplay::end_stage() {
    if (!m_timings || m_stage.empty()) {
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(now - m_stage_start).count();
    close_bar();
    spdlog::debug("stage '{}' took {:.3f} s", m_stage, seconds);
    m_stage_start = now;
}

void ProgressDisplay::show(double fraction, std::string_view stage) {
    const int percent = static_cast<int>(std::floor(fraction * 100.0 + 1e-9));
    const bool new_stage = stage != m_stage;
    if (new_stage) {
        end_stage();
    }
    if (m_style == ProgressStyle::none) {
        // only timings
    } else if (m_style == ProgressStyle::lines) {
        if (new_stage || percent / 10 != m_last_percent / 10) {
            std::fprintf(stderr, "locality: %3d%% %.*s\n", percent, static_cast<int>(stage.size()),
                         stage.data());
        }
    } else if (new_stage || percent != m_last_percent) {
        constexpr int k_width = 30;
        const int filled = percent * k_width / 100;
        std::fprintf(stderr, "\r[%.*s%*s] %3d%% %-24.*s", filled, "##############################",
                     k_width - filled, "", percent, static_cast<int>(stage.size()), stage.data());
        std::fflush(stderr);
        m_bar_open = true;
    }
    m_stage = std::string(stage);
    m_last_percent = percent;
}

void ProgressDisplay::finish() {
    close_bar();
    end_stage();
    m_stage.clear();
}

void ProgressDisplay::close_bar() {
    if (m_bar_open) {
        std::fputc('\n', stderr);
        m_bar_open = false;
    }
}

}  // namespace locality::cli
