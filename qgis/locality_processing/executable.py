# SPDX-License-Identifier: MIT
"""Finds the locality executable: the plugin's setting, then PATH, then the build tree."""

import os
import shutil

EXECUTABLE_NAME = 'locality.exe' if os.name == 'nt' else 'locality'


class ExecutableNotFound(Exception):
    """No usable locality executable; the message says where we looked and what to do."""


def _is_executable(path):
    return bool(path) and os.path.isfile(path) and os.access(path, os.X_OK)


def build_tree_candidates(plugin_dir):
    """Where a build tree keeps the executable relative to the plugin folder.

    The qgis_plugin target copies the plugin to <build>/qgis/locality_processing, beside
    <build>/locality; the source folder qgis/locality_processing sits beside <source>/build.
    """
    root = os.path.dirname(os.path.dirname(os.path.abspath(plugin_dir)))
    return [os.path.join(root, EXECUTABLE_NAME), os.path.join(root, 'build', EXECUTABLE_NAME)]


def find_executable(setting, plugin_dir, search_path=None):
    """Returns the path of the locality executable or raises ExecutableNotFound.

    `setting` is the provider's "locality executable" option (may be empty); `search_path` the
    PATH to search (default: the process's).
    """
    if setting:
        if _is_executable(setting):
            return setting
        raise ExecutableNotFound(
            "the locality executable set in Processing options (Providers > locality) is not an "
            "executable file: '{}'; correct or clear the setting".format(setting))
    on_path = shutil.which(EXECUTABLE_NAME, path=search_path)
    if on_path:
        return on_path
    for candidate in build_tree_candidates(plugin_dir):
        if _is_executable(candidate):
            return candidate
    raise ExecutableNotFound(
        "cannot find the locality executable: not set in Processing options (Providers > locality), "
        "not on PATH and not in a build tree beside the plugin; build it (cmake --build build) or set "
        "its path in Settings > Options > Processing > Providers > locality")
