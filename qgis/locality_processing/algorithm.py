# SPDX-License-Identifier: MIT
"""The Processing algorithms: each maps its form to `locality <command> ...`, runs it and returns
its outputs (layers loaded styled on completion, files, the report as a link)."""

import csv
import html
import json
import os

from qgis.core import (QgsMapLayer, QgsProcessingAlgorithm, QgsProcessingContext, QgsProcessingException,
                       QgsProcessingLayerPostProcessorInterface, QgsProcessingOutputFile,
                       QgsProcessingOutputHtml, QgsProcessingOutputMultipleLayers,
                       QgsProcessingOutputVectorLayer, QgsProcessingUtils,
                       QgsProcessingFeatureSourceDefinition, QgsProperty, QgsVectorLayer)

from . import cli_runner, command as cli_command, layer_export, options as o
from .cli_help import read_help
from .executable import ExecutableNotFound, find_executable

PLUGIN_DIR = os.path.dirname(os.path.abspath(__file__))


class _LoadDefaultStyle(QgsProcessingLayerPostProcessorInterface):
    """Applies the style the output ships with (the GeoPackage's layer_styles, a sidecar .qml)."""

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 (QGIS API)
        if isinstance(layer, QgsVectorLayer):
            layer.loadDefaultStyle()
            layer.triggerRepaint()


# Processing keeps only a pointer to a post-processor: each must outlive its run's loading of the
# layers, so the latest ones are kept here (a run has two layers, a frontier one per point and two more).
_STYLE_LOADERS = []
_STYLE_LOADERS_KEPT = 256


class Output:
    """An output of a command: `kind` layer, file or html; `file` its name in the output folder."""

    def __init__(self, name, kind, label, file, layer_name=None):
        self.name = name
        self.kind = kind
        self.label = label
        self.file = file
        self.layer_name = layer_name

    def source(self, folder):
        path = os.path.join(folder, self.file)
        return path + '|layername=' + self.layer_name if self.layer_name else path


class LocalityAlgorithm(QgsProcessingAlgorithm):
    """Runs one command of the locality executable; subclasses set the command and its outputs (and `form`,
    the algorithm's name and table of options, when it is not the command's)."""

    command = ''
    form = ''
    title = ''
    about = ''       # the help's first line when it is not the command's own
    about_flag = ''  # the option the form always adds to the command, for the help
    outputs = []
    _help_cache = {}

    def __init__(self, executable_setting=lambda: ''):
        super().__init__()
        self._executable_setting = executable_setting

    def createInstance(self):  # noqa: N802 (QGIS API)
        return type(self)(self._executable_setting)

    def name(self):
        return self.form or self.command

    def options(self):
        """The form's options (options.COMMAND_OPTIONS)."""
        return o.COMMAND_OPTIONS[self.name()]

    def displayName(self):  # noqa: N802 (QGIS API)
        return self.title

    def executable(self):
        """The locality executable, or QgsProcessingException saying where it was looked for."""
        try:
            return find_executable(self._executable_setting(), PLUGIN_DIR)
        except ExecutableNotFound as error:
            raise QgsProcessingException(str(error))

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API)
        for option in self.options():
            self.addParameter(o.make_parameter(option))
        for output in self.outputs:
            if output.kind == 'layer':
                self.addOutput(QgsProcessingOutputVectorLayer(output.name, output.label))
            elif output.kind == 'html':
                self.addOutput(QgsProcessingOutputHtml(output.name, output.label))
            else:
                self.addOutput(QgsProcessingOutputFile(output.name, output.label))

    def shortHelpString(self):  # noqa: N802 (QGIS API)
        """What --help says: the command, then every parameter with its option's description."""
        if self.command not in LocalityAlgorithm._help_cache:
            try:
                LocalityAlgorithm._help_cache[self.command] = read_help(self.executable(), self.command)
            except QgsProcessingException:
                LocalityAlgorithm._help_cache[self.command] = None
        cli_help = LocalityAlgorithm._help_cache[self.command]
        lines = ['<p>{}</p>'.format(html.escape(self.about or (cli_help.description if cli_help else self.title))),
                 '<p>Runs <code>locality {}</code>: the command-line tool does the work. Layers the tool '
                 'cannot read as they are (memory layers, filtered layers) are passed as a temporary '
                 'GeoPackage, removed after the run.</p>'.format(self.command + self.about_flag)]
        lines.append('<dl>')
        for option in self.options():
            text = (cli_help.options.get(option.flag, '') if cli_help and option.flag else '')
            if option.kind == o.CONSTRAINTS and cli_help:
                text = '--min: {} --max: {}'.format(cli_help.options.get('--min', ''),
                                                    cli_help.options.get('--max', ''))
            flag = ' (<code>{}</code>)'.format(option.flag) if option.flag else ''
            lines.append('<dt><b>{}</b>{}</dt><dd>{}</dd>'.format(
                html.escape(option.label), flag, html.escape(text or option.label)))
        lines.append('</dl>')
        if cli_help and cli_help.footer:
            lines.append('<p>{}</p>'.format(html.escape(cli_help.footer)))
        elif not cli_help:
            lines.append('<p>(The locality executable was not found, so its option descriptions are '
                         'missing; see Settings &gt; Options &gt; Processing &gt; Providers &gt; locality.)</p>')
        return '\n'.join(lines)

    def checkParameterValues(self, parameters, context):  # noqa: N802 (QGIS API)
        """As Processing checks them, except that a layer given as text QGIS cannot open is accepted:
        it goes to the CLI as it is (a 'PG:' source, a missing file), whose message then names it."""
        layer_options = {option.name for option in self.options()
                         if option.kind in (o.LAYER, o.LAYERS, o.PLANS)}
        for definition in self.parameterDefinitions():
            value = parameters.get(definition.name())
            if definition.name() in layer_options and _texts_only(value):
                continue
            if not definition.checkValueIsAcceptable(value, context):
                return False, 'Incorrect parameter value for {}'.format(definition.description())
        return True, ''

    def _source(self, value, name, context, feedback, exported):
        """A layer parameter's value (a layer, a layer id, a source text, "selected features only") as a
        source for the CLI. A temporary copy's source is named after its layer in `exported`
        (temporary source -> the layer's name), so the CLI's messages can name what the user sees."""
        selected_only = False
        if isinstance(value, QgsProcessingFeatureSourceDefinition):
            if value.featureLimit >= 0:
                raise QgsProcessingException('{}: a feature limit ({}) would leave features out unseen; clear '
                                             '"Limit features processed" (or select the features and tick '
                                             '"Selected features only")'.format(name.upper(), value.featureLimit))
            selected_only = value.selectedFeaturesOnly
            value = value.source
        if isinstance(value, QgsProperty):  # the modeller's and batch mode's computed values
            value = value.valueAsString(context.expressionContext())
            value = value[0] if isinstance(value, tuple) else value  # PyQGIS returns (text, ok)
        layer = value if isinstance(value, QgsMapLayer) else QgsProcessingUtils.mapLayerFromString(
            str(value), context)
        if isinstance(layer, QgsVectorLayer):
            if not layer.isValid():  # a layer whose data source is gone or broken
                raise QgsProcessingException("{}: layer '{}' is not valid (QGIS cannot read its source '{}'); "
                                             "repair or remove it".format(name.upper(), layer.name(),
                                                                          layer.source()))
            paths = []
            source = layer_export.layer_source(layer, name, context, feedback, paths, selected_only)
            for path in paths:
                exported[path] = (source, layer.name())
            return layer.name(), source
        if isinstance(value, str) and value:
            source = layer_export.text_source(value)
            return os.path.splitext(os.path.basename(source.split('|')[0]))[0], source
        raise QgsProcessingException('{}: not a vector layer: {}'.format(name.upper(), value))

    def form_values(self, parameters, context, feedback, exported):
        """The form's values as command.build_arguments takes them; layers become GDAL sources."""
        values = {}
        for option in self.options():
            name = option.name
            given = parameters.get(name)
            if option.kind == o.LAYER:
                values[name] = (self._source(given, name.lower(), context, feedback, exported)[1]
                                if given not in (None, '') else None)
            elif option.kind in (o.LAYERS, o.PLANS):
                given = [] if given in (None, '') else given if isinstance(given, (list, tuple)) else [given]
                values[name] = [self._source(value, '{}_{}'.format(name.lower(), index + 1), context, feedback,
                                             exported) for index, value in enumerate(given)]
            elif option.kind == o.FIELD:
                fields = self.parameterAsFields(parameters, name, context)
                values[name] = fields[0] if fields else None
            elif option.kind == o.FIELDS:
                values[name] = self.parameterAsFields(parameters, name, context)
            elif option.kind in (o.NUMBER, o.INTEGER):
                if given in (None, '') and option.default is None:
                    values[name] = None
                elif option.kind == o.NUMBER:
                    values[name] = self.parameterAsDouble(parameters, name, context)
                else:
                    values[name] = self.parameterAsInt(parameters, name, context)
            elif option.kind == o.ENUM:
                values[name] = self.parameterAsEnum(parameters, name, context)
            elif option.kind == o.FLAG:
                values[name] = self.parameterAsBool(parameters, name, context)
            elif option.kind == o.CRS:
                crs = self.parameterAsCrs(parameters, name, context) if given not in (None, '') else None
                values[name] = (crs.authid() or crs.toWkt()) if crs is not None and crs.isValid() else None
            elif option.kind == o.CONSTRAINTS:
                # Empty cells come as NULL QVariants.
                values[name] = [None if hasattr(cell, 'isNull') and cell.isNull() else cell
                                for cell in self.parameterAsMatrix(parameters, name, context)]
            elif option.kind == o.FOLDER:
                values[name] = self.parameterAsFileOutput(parameters, name, context)
            else:
                values[name] = self.parameterAsString(parameters, name, context)
        return values

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API)
        executable = self.executable()
        exported = {}  # temporary copy's path -> (its source, the layer's name)
        try:
            values = self.form_values(parameters, context, feedback, exported)
            try:
                arguments = cli_command.build_arguments(self.name(), values)
            except cli_command.FormError as error:
                raise QgsProcessingException(str(error))
            folder = values['OUTPUT']
            # The CLI names the temporary copies it was given; the user knows the layers.
            aliases = {}
            for path, (source, layer_name) in exported.items():
                aliases[source] = aliases[path] = layer_name
            try:
                cli_runner.run(executable, arguments, feedback, folder, aliases=aliases)
            except cli_runner.Cancelled as error:
                # Processing shows a subclass of QgsProcessingException raised in Python as a traceback.
                raise QgsProcessingException(str(error)) from None
        finally:
            # Temporary copies of the inputs (cases among them) do not outlive the run.
            for path in exported:
                try:
                    os.remove(path)
                except OSError:
                    pass
        results = {'OUTPUT': folder}
        for output in self.outputs:
            source = output.source(folder)
            if not os.path.exists(source.split('|')[0]):
                continue
            results[output.name] = source
            if output.kind == 'layer':
                _load_on_completion(source, output.label, output.name, context)
        return results


def _load_on_completion(source, label, output_name, context):
    """Loads `source` into the project when the run ends, with the style it ships with."""
    details = QgsProcessingContext.LayerDetails(label, context.project(), output_name)
    loader = _LoadDefaultStyle()
    _STYLE_LOADERS.append(loader)
    del _STYLE_LOADERS[:-_STYLE_LOADERS_KEPT]
    details.setPostProcessor(loader)
    context.addLayerToLoadOnCompletion(source, details)


def _texts_only(value):
    """A layer value given only as text (not a layer object), which the CLI may read itself."""
    values = value if isinstance(value, (list, tuple)) else [value]
    return bool(values) and all(isinstance(item, str) and item for item in values)


class ProposeAlgorithm(LocalityAlgorithm):
    command = 'propose'
    title = 'Propose localities'
    outputs = [Output('LOCALITIES', 'layer', 'Localities', 'localities.gpkg', 'localities'),
               Output('AREAS_BY_NEED', 'layer', 'Small areas by need', 'localities.gpkg', 'areas'),
               Output('ASSIGNMENT', 'file', 'Assignment (area_id, locality)', 'assignment.csv'),
               Output('SUMMARY', 'file', 'Summary (summary.json)', 'summary.json'),
               Output('REPORT', 'html', 'Report', 'report.html')]


class OverlayAlgorithm(LocalityAlgorithm):
    command = 'overlay'
    title = 'Overlay cases and service areas'
    outputs = [Output('AREA_COUNTS', 'file', 'Counts per area (area_counts.csv)', 'area_counts.csv'),
               Output('SERVICE_AREA_SHARES', 'file', 'Service-area shares', 'service_area_shares.csv'),
               Output('SUMMARY', 'file', 'Summary (summary.json)', 'summary.json')]


class RegionalizeAlgorithm(LocalityAlgorithm):
    command = 'regionalize'
    title = 'Regionalize an area layer'
    outputs = [Output('LOCALITIES', 'layer', 'Localities', 'localities.geojson'),
               Output('AREA_LOCALITIES', 'layer', 'Small areas with their locality', 'localities.gpkg', 'areas'),
               Output('ASSIGNMENT', 'file', 'Assignment (area_id, locality)', 'assignment.csv'),
               Output('SUMMARY', 'file', 'Summary (summary.json)', 'summary.json'),
               Output('REPORT', 'html', 'Report', 'report.html')]


class EvaluateAlgorithm(LocalityAlgorithm):
    command = 'evaluate'
    title = 'Evaluate given localities'
    outputs = ProposeAlgorithm.outputs  # evaluate writes what propose writes


class CompareAlgorithm(LocalityAlgorithm):
    command = 'compare'
    title = 'Compare plans side by side'
    outputs = [Output('COMPARISON', 'file', 'Comparison (comparison.csv)', 'comparison.csv'),
               Output('SUMMARY', 'file', 'Summary (summary.json)', 'summary.json'),
               Output('REPORT', 'html', 'Report', 'report.html')]


class FrontierAlgorithm(LocalityAlgorithm):
    """`locality propose --frontier`: one proposal per weight. Loads frontier.csv as a table, the localities of
    the point summary.json shows in full (the knee, else the first point) and every point's styled layer of
    scenarios.gpkg."""

    command = 'propose'
    form = 'frontier'
    title = 'Trade-off frontier'
    about = ('What round shapes, or keeping an agency\'s cases with its teams, cost in need explained: one '
             'proposal per weight, the knee marked.')
    about_flag = ' --frontier'
    outputs = [Output('FRONTIER', 'layer', 'Trade-off frontier (frontier.csv)', 'frontier.csv'),
               Output('SCENARIOS', 'file', 'Every point (scenarios.gpkg)', 'scenarios.gpkg'),
               Output('SUMMARY', 'file', 'Summary (summary.json)', 'summary.json'),
               Output('REPORT', 'html', 'Report', 'report.html')]

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API)
        super().initAlgorithm(config)
        self.addOutput(QgsProcessingOutputVectorLayer('LOCALITIES', 'Localities at the knee (else the first point)'))
        self.addOutput(QgsProcessingOutputMultipleLayers('POINTS', "Every point's localities"))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API)
        results = super().processAlgorithm(parameters, context, feedback)
        folder = results['OUTPUT']
        points, knee, shown = frontier_points(folder)
        gpkg = os.path.join(folder, 'scenarios.gpkg')
        results['POINTS'] = []
        for tag, weight in points:
            source = '{}|layername=localities_{}'.format(gpkg, tag)
            results['POINTS'].append(source)
            if tag == shown:
                results['LOCALITIES'] = source
                label = '{} {} (weight {})'.format('Knee:' if tag == knee else 'First point (no knee):', tag, weight)
                _load_on_completion(source, label, 'LOCALITIES', context)
            else:
                _load_on_completion(source, 'Point {} (weight {})'.format(tag, weight), None, context)
        return results


def frontier_points(folder):
    """frontier.csv's points as (tag, weight) in order of weight, the knee's tag (None: no knee) and the tag
    of the point shown in full (summary.json's frontier.shown)."""
    with open(os.path.join(folder, 'frontier.csv'), encoding='utf-8', newline='') as handle:
        points = [(row['point'], row['weight']) for row in csv.DictReader(handle)]
    with open(os.path.join(folder, 'summary.json'), encoding='utf-8') as handle:
        frontier = json.load(handle)['frontier']
    return points, frontier.get('knee'), frontier['shown']


ALGORITHMS = [ProposeAlgorithm, OverlayAlgorithm, RegionalizeAlgorithm, EvaluateAlgorithm, CompareAlgorithm,
              FrontierAlgorithm]
