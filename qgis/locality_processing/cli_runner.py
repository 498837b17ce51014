# SPDX-License-Identifier: MIT
"""Runs the locality executable as a child process under a Processing feedback: progress lines
drive the progress bar, warnings and errors go to the log, Cancel ends the child."""

import os
import queue
import re
import subprocess
import threading

from qgis.core import QgsProcessingException

from . import progress

# How long a cancelled child has to end after SIGTERM before it is killed.
TERMINATE_GRACE_SECONDS = 5.0
# The CLI's staging names (docs/decisions/0013): '.<name>.<16 hex digits>.tmp' in the output folder.
_STAGING_NAME = re.compile(r'^\..+\.[0-9a-f]{16}\.tmp$')


class Cancelled(QgsProcessingException):
    """The user cancelled the run; the child was stopped and nothing of the run was kept."""


def _read_lines(stream, lines):
    for line in iter(stream.readline, ''):
        lines.put(line)
    lines.put(None)


def _stop(child):
    child.terminate()
    try:
        child.wait(TERMINATE_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()


def _staging_files(folder):
    if not folder or not os.path.isdir(folder):
        return set()
    return {name for name in os.listdir(folder) if _STAGING_NAME.match(name)}


def _remove_new_staging_files(folder, before):
    """Removes the staging files a stopped run left behind (only ones that were not there before)."""
    for name in _staging_files(folder) - before:
        try:
            os.remove(os.path.join(folder, name))
        except OSError:
            pass


def with_aliases(text, aliases):
    """`text` with each key of `aliases` (a temporary copy's source or path) replaced by its value (the
    layer's name), the longest key first."""
    if not aliases:
        return text
    pattern = re.compile('|'.join(re.escape(key) for key in sorted(aliases, key=len, reverse=True)))
    return pattern.sub(lambda match: aliases[match.group(0)], text)


def run(executable, arguments, feedback, output_folder=None, poll_seconds=0.1, aliases=None):
    """Runs `executable arguments`, reporting to `feedback`; returns the child's stdout.

    Raises QgsProcessingException with the CLI's one-line message on a non-zero exit, and
    Cancelled when the user cancelled (the child is stopped and its staging files removed).
    Messages go through with_aliases(text, `aliases`), so they name what the user sees in QGIS.
    """
    feedback.pushCommandInfo(' '.join(_quoted(part) for part in [executable] + arguments))
    staging_before = _staging_files(output_folder)
    child = subprocess.Popen([executable] + arguments, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, universal_newlines=True, encoding='utf-8',
                             errors='replace')
    lines = queue.Queue()
    reader = threading.Thread(target=_read_lines, args=(child.stderr, lines), daemon=True)
    reader.start()
    stdout_chunks = []
    stdout_reader = threading.Thread(target=lambda: stdout_chunks.append(child.stdout.read()), daemon=True)
    stdout_reader.start()
    errors = []
    stage = None
    while True:
        if feedback.isCanceled():
            _stop(child)
            reader.join(1.0)
            stdout_reader.join(1.0)
            child.stdout.close()
            child.stderr.close()
            _remove_new_staging_files(output_folder, staging_before)
            raise Cancelled('locality was cancelled; nothing of the run was written')
        try:
            line = lines.get(timeout=poll_seconds)
        except queue.Empty:
            continue
        if line is None:
            break
        parsed = progress.parse_line(line)
        if parsed.kind != progress.PROGRESS:
            parsed.text = with_aliases(parsed.text, aliases)
        if parsed.kind == progress.PROGRESS:
            if parsed.text != stage:
                stage = parsed.text
                feedback.setProgressText(stage)
            feedback.setProgress(parsed.percent)
        elif parsed.kind == progress.WARNING:
            feedback.pushWarning(parsed.text)
        elif parsed.kind == progress.ERROR:
            errors.append(parsed.text)  # reported when the run ends (the last one is the exception's)
        elif parsed.text:
            feedback.pushInfo(parsed.text)
    code = child.wait()
    stdout_reader.join()
    child.stdout.close()
    child.stderr.close()
    # Processing logs the exception's message as an error itself: the CLI's last error line is not
    # reported twice (once in the toolbox's log, four times more under qgis_process).
    for text in errors[:-1] if code != 0 else errors:
        feedback.reportError(text, False)
    if code != 0:
        message = errors[-1] if errors else 'locality ended with exit code {}'.format(code)
        raise QgsProcessingException(message)
    return ''.join(chunk for chunk in stdout_chunks if chunk)


def _quoted(text):
    return text if re.match(r'^[A-Za-z0-9_./=:,@+-]+$', text) else "'" + text.replace("'", "'\\''") + "'"
