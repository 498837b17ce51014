# SPDX-License-Identifier: MIT
"""The plugin object: it only registers the Processing provider (also under qgis_process)."""

from qgis.core import QgsApplication

from .provider import LocalityProvider


class LocalityPlugin:
    """Adds the "locality" provider to the Processing registry while the plugin is loaded."""

    def __init__(self, iface):
        self.iface = iface
        self.provider = None

    def initProcessing(self):  # noqa: N802 (QGIS API)
        """Called by QGIS, and by qgis_process which has no GUI."""
        if self.provider is None:
            self.provider = LocalityProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):  # noqa: N802 (QGIS API)
        self.initProcessing()

    def unload(self):
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
