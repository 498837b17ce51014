#!/bin/sh
# SPDX-License-Identifier: MIT
# PEP 8 (with QGIS's line length of 120) and pyflakes over the plugin and its tests, from the source
# root. Exit 77 when the checkers are not installed (Debian: python3-pycodestyle python3-pyflakes).
if ! /usr/bin/python3 -c 'import pycodestyle, pyflakes' 2>/dev/null; then
    echo "python3-pycodestyle or python3-pyflakes not installed: skipped"
    exit 77
fi
/usr/bin/python3 -m pycodestyle --max-line-length=120 qgis && /usr/bin/python3 -m pyflakes qgis
