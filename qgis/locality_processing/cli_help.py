# SPDX-License-Identifier: MIT
"""Help text from the CLI itself: `locality <command> --help` parsed into a description, a
footer and one description per option, so the Processing help says what --help says."""

import re
import subprocess

_OPTION_LINE = re.compile(r'^  (-\S+)((?: \S+)*)(?:\s{2,}(\S.*))?$')
_CONTINUATION = re.compile(r'^\s{6,}(\S.*)$')


class CommandHelp:
    """`description` (first line), `footer` (the last paragraph) and `options` (long flag -> text)."""

    def __init__(self, description='', footer='', options=None):
        self.description = description
        self.footer = footer
        self.options = options or {}


def parse_help(text):
    """Parses CLI11's help text of one command."""
    lines = text.splitlines()
    result = CommandHelp()
    if lines:
        result.description = lines[0].strip()
    pending = None
    for line in lines[1:]:
        match = _OPTION_LINE.match(line)
        if match:
            flags = [flag for flag in match.group(1).split(',') if flag.startswith('--')]
            pending = flags[0] if flags else None
            if pending and match.group(3):
                result.options[pending] = match.group(3).strip()
                pending = None
            continue
        continuation = _CONTINUATION.match(line)
        if continuation and pending:
            result.options[pending] = continuation.group(1).strip()
            pending = None
        elif line.strip() and not line.startswith(' ') and not line.rstrip().endswith(':') \
                and not line.startswith('Usage:'):
            result.footer = line.strip()
    return result


def read_help(executable, command, timeout=30):
    """The parsed `--help` of `command`, or None when the executable cannot tell."""
    try:
        completed = subprocess.run([executable, command, '--help'], stdin=subprocess.DEVNULL,
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=timeout,
                                   universal_newlines=True, encoding='utf-8', errors='replace')
    except (OSError, subprocess.SubprocessError):
        return None
    if completed.returncode != 0 or not completed.stdout:
        return None
    return parse_help(completed.stdout)
