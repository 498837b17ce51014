# SPDX-License-Identifier: MIT
"""A project layer as a data source the CLI reads: its own GDAL source when GDAL reads exactly what
the layer shows, otherwise a temporary GeoPackage of its features (memory layers, filtered layers,
other providers, "selected features only"), with the subset filter honoured."""

import os

from qgis.core import (QgsCoordinateTransformContext, QgsProcessingException, QgsProcessingUtils,
                       QgsProviderRegistry, QgsVectorFileWriter, QgsVectorLayer)


def direct_source(layer):
    """The layer's GDAL source 'path' or 'path|layername=NAME', or None when it must be exported.

    Only an OGR layer of a file, with no subset filter and no other URI parts, is passed as it is; a
    CSV file is passed as its path so the CLI's own reader finds the coordinate columns.
    """
    if layer.providerType() != 'ogr' or layer.subsetString():
        return None
    parts = QgsProviderRegistry.instance().decodeUri('ogr', layer.source())
    path = parts.get('path') or ''
    if not path or not os.path.isfile(path):
        return None
    known = {'path', 'layerName', 'layerId'}
    if any(value not in (None, '', -1) for key, value in parts.items() if key not in known):
        return None  # e.g. a geometry type filter, a subset, a vsi path with options
    path = os.path.abspath(path)
    if path.lower().endswith('.csv'):
        return path
    layer_name = parts.get('layerName')
    if not layer_name and parts.get('layerId') not in (None, '', -1):
        return None  # a layer chosen by index: let GDAL's export name it
    return path + '|layername=' + layer_name if layer_name else path


def _is_csv_table(layer):
    """A CSV file opened by GDAL as a table (no geometry): the CLI's CSV reader finds its coordinates."""
    if layer.providerType() != 'ogr' or layer.isSpatial():
        return False
    path = QgsProviderRegistry.instance().decodeUri('ogr', layer.source()).get('path') or ''
    return path.lower().endswith('.csv')


def export_layer(layer, name, context, feedback=None, selected_only=False):
    """Writes the layer's visible features (only its selected ones with `selected_only`) to a new
    temporary file; returns its GDAL source. A GeoPackage's fid is kept (QGIS writes the 'fid' field as
    the copy's fid), so ids picked from it mean the same features. A CSV table (a filtered CSV file of
    case coordinates) is written as CSV: in a GeoPackage its coordinate columns would be read as no
    point at all."""
    csv_table = _is_csv_table(layer)
    path = QgsProcessingUtils.generateTempFilename(name + ('.csv' if csv_table else '.gpkg'))
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = 'CSV' if csv_table else 'GPKG'
    options.layerName = name
    options.fileEncoding = 'UTF-8'
    options.onlySelectedFeatures = selected_only
    transform_context = context.transformContext() if context is not None else QgsCoordinateTransformContext()
    result = QgsVectorFileWriter.writeAsVectorFormatV3(layer, path, transform_context, options)
    error, message = result[0], result[1]
    kind = 'CSV file' if csv_table else 'GeoPackage'
    if error != QgsVectorFileWriter.NoError:
        raise QgsProcessingException("cannot write layer '{}' to a temporary {} for locality: {}".format(
            layer.name(), kind, message))
    source = path if csv_table else path + '|layername=' + name
    if feedback is not None:
        # Counted in the copy: a filtered GeoPackage layer's own count can be unknown (-1) in QGIS 3.22.
        written = QgsVectorLayer(source, name, 'ogr').featureCount()
        feedback.pushInfo("layer '{}' written to a temporary {} ({} feature(s)) for locality".format(
            layer.name(), kind, written))
    return source


def text_source(text):
    """A source typed as text that QGIS could not open as a layer (a missing file, a 'PG:' string):
    passed to the CLI as it is, a relative file path made absolute, so the CLI's message names it."""
    path, bar, rest = text.partition('|')
    if path and not path.startswith(('PG:', '/vsi')) and not os.path.isabs(path) and ':' not in path[:3]:
        path = os.path.abspath(path)
    return path + bar + rest


def layer_source(layer, name, context, feedback=None, exported=None, selected_only=False):
    """The layer (its selected features with `selected_only`) as a source for the CLI; appends the path
    of any temporary file to `exported`."""
    source = None if selected_only else direct_source(layer)
    if source is not None:
        return source
    if selected_only and layer.selectedFeatureCount() == 0:
        raise QgsProcessingException("layer '{}': 'Selected features only' is ticked but no feature is selected; "
                                     "select some or untick it".format(layer.name()))
    source = export_layer(layer, name, context, feedback, selected_only)
    if exported is not None:
        exported.append(source.split('|')[0])
    return source
