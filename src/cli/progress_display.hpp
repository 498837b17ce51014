// SPDX-License-Identifier: MIT
// Turns the library's progress callbacks into a bar (terminal) or plain lines (logs) on stderr.
#pragma once

#include <chrono>
#include <string>

#include "locality/core/progress.hpp"

namespace locality::cli {

/** How progress is shown. */
enum class ProgressStyle { none, bar, lines };

/** Shows progress on stderr; lines every 10 % or at a new stage, or a redrawn bar. */
class ProgressDisplay {
public:
    /** `timings`: log each stage's wall time at debug level (-v) when it ends. */
    ProgressDisplay(ProgressStyle style, bool timings) : m_style(style), m_timings(timings) {}
    ~ProgressDisplay();
    /** The sink to hand to the library. */
    ProgressSink sink();
    /** Ends the bar's line and the last stage's timing (before other messages go to stderr). */
    void finish();

private:
    void show(double fraction, std::string_view stage);
    void end_stage();
    void close_bar();
    ProgressStyle m_style;
    bool m_timings;
    std::chrono::steady_clock::time_point m_stage_start = std::chrono::steady_clock::now();
    std::string m_stage;
    int m_last_percent = -1;
    bool m_bar_open = false;
};

/** Chooses the style: a bar when stderr is a terminal, plain lines otherwise; none with --quiet or
 * --no-progress. */
ProgressStyle choose_progress_style(bool quiet, bool force_on, bool force_off);

}  // namespace locality::cli
