# SPDX-License-Identifier: MIT
"""Reads the CLI's stderr lines: progress off a terminal is 'locality:  42% stage', messages are
'locality: warning: ...' and 'locality: error: ...' (src/cli/progress_display.cpp, src/cli/main.cpp)."""

import re

PROGRESS = 'progress'
WARNING = 'warning'
ERROR = 'error'
INFO = 'info'

_PROGRESS_LINE = re.compile(r'^locality:\s+(\d{1,3})% (.*)$')
_MESSAGE_LINE = re.compile(r'^locality: (warning|error|internal error|info|debug|critical): (.*)$')


class StderrLine:
    """One parsed line: `kind`, `percent` (progress only) and `text`."""

    def __init__(self, kind, text, percent=None):
        self.kind = kind
        self.text = text
        self.percent = percent

    def __repr__(self):
        return 'StderrLine({!r}, {!r}, {!r})'.format(self.kind, self.text, self.percent)


def parse_line(line):
    """The meaning of one stderr line; anything unknown is INFO with the line as it is."""
    line = line.rstrip('\r\n')
    match = _PROGRESS_LINE.match(line)
    if match:
        return StderrLine(PROGRESS, match.group(2), min(100, int(match.group(1))))
    match = _MESSAGE_LINE.match(line)
    if match:
        level = match.group(1)
        if level in ('error', 'critical'):
            return StderrLine(ERROR, match.group(2))
        if level == 'internal error':
            return StderrLine(ERROR, 'internal error: ' + match.group(2))
        if level == 'warning':
            return StderrLine(WARNING, match.group(2))
        return StderrLine(INFO, match.group(2))
    return StderrLine(INFO, line)
