# SPDX-License-Identifier: MIT
"""The "locality" Processing provider and its one setting, the path of the executable."""

from qgis.core import QgsProcessingProvider

from .algorithm import ALGORITHMS

EXECUTABLE_SETTING = 'LOCALITY_EXECUTABLE'


class LocalityProvider(QgsProcessingProvider):
    """Provider id "locality": algorithms locality:propose, locality:overlay, locality:regionalize,
    locality:evaluate, locality:compare, locality:frontier."""

    def id(self):
        return 'locality'

    def name(self):
        return 'locality'

    def longName(self):  # noqa: N802 (QGIS API)
        return 'locality: localities of shared multi-agency need'

    def load(self):
        # Settings > Options > Processing > Providers > locality (the processing plugin's settings).
        try:
            from processing.core.ProcessingConfig import ProcessingConfig, Setting
            ProcessingConfig.settingIcons[self.name()] = self.icon()
            ProcessingConfig.addSetting(Setting(
                self.name(), EXECUTABLE_SETTING, 'locality executable (empty: PATH, then the build tree)', '',
                valuetype=Setting.FILE))
            ProcessingConfig.readSettings()
        except ImportError:
            pass  # without the processing plugin there is no settings page: PATH and the build tree
        self.refreshAlgorithms()
        return True

    def unload(self):
        try:
            from processing.core.ProcessingConfig import ProcessingConfig
            ProcessingConfig.removeSetting(EXECUTABLE_SETTING)
        except ImportError:
            pass

    def loadAlgorithms(self):  # noqa: N802 (QGIS API)
        for algorithm in ALGORITHMS:
            self.addAlgorithm(algorithm(executable_setting))


def executable_setting():
    """The executable set in the provider's options, or ''."""
    try:
        from processing.core.ProcessingConfig import ProcessingConfig
        return ProcessingConfig.getSetting(EXECUTABLE_SETTING) or ''
    except ImportError:
        return ''
