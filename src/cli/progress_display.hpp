// SPDX-License-Identifier: MIT
// Turns the library's progress callbacks into a bar (terminal) or plain lines (logs) on stderr.
#pragma once

#include <string>

#include "locality/core/progress.hpp"

namespace locality::cli {

/** How progress is shown. */
enum class ProgressStyle { none, bar, lines };

/** Shows progress on stderr; lines every 10 % or at a new stage, or a redrawn bar. */
class ProgressDisplay {
public:
    explicit ProgressDisplay(ProgressStyle style) : m_style(style) {}
    ~ProgressDisplay();
    /** The sink to hand to the library. */
    ProgressSink sink();
    /** Ends the bar's line (before other messages go to stderr). */
    void finish();

private:
    void show(double fraction, std::string_view stage);
    ProgressStyle m_style;
    std::string m_stage;
    int m_last_percent = -1;
    bool m_bar_open = false;
};

/** Chooses the style: a bar when stderr is a terminal, plain lines otherwise; none with --quiet or --no-progress. */
ProgressStyle choose_progress_style(bool quiet, bool force_on, bool force_off);

}  // namespace locality::cli
