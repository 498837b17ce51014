# SPDX-License-Identifier: MIT
"""QGIS plugin: the Processing provider of the locality command-line tool (docs/qgis.md)."""


def classFactory(iface):  # noqa: N802 (the name QGIS calls)
    """Called by QGIS to load the plugin."""
    from .plugin import LocalityPlugin
    return LocalityPlugin(iface)
