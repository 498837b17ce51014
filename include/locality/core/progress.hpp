// SPDX-License-Identifier: MIT
#pragma once

#include <functional>
#include <string_view>
#include <utility>

namespace locality {

/**
 * Progress callback: `fraction` in [0, 1] of the current job, `stage` a short human label.
 * Returning false asks the library to stop; it then throws CancelledError. May be empty.
 * Called from the thread that runs the pipeline only, never concurrently.
 */
using ProgressSink = std::function<bool(double fraction, std::string_view stage)>;

/**
 * Maps [0, 1] of a sub-task onto [start, start + span] of a parent sink, so each pipeline stage
 * can report its own 0..1 while the user sees one bar.
 */
class ScaledProgress {
public:
    ScaledProgress(ProgressSink parent, double start, double span)
        : m_parent(std::move(parent)), m_start(start), m_span(span) {}

    /** Reports `fraction` of this sub-task; throws CancelledError when the parent asks to stop. */
    void report(double fraction, std::string_view stage) const;

    /** A sink for nested calls, scaled like this one. */
    ProgressSink sink() const;

private:
    ProgressSink m_parent;  // a copy: sub-stages may outlive the caller's temporary
    double m_start;
    double m_span;
};

}  // namespace locality
