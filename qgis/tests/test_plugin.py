# SPDX-License-Identifier: MIT
"""Unit tests of the QGIS plugin (qgis/locality_processing), headless, with Debian's python3:
    LOCALITY_EXECUTABLE=build/locality python3 qgis/tests/test_plugin.py   (from the source root)
Exit 77 when the QGIS Python bindings are absent (ctest reports a skip)."""

import csv
import html
import json
import shutil
import os
import stat
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import zipfile

try:
    from qgis.core import (QgsApplication, QgsFeature, QgsGeometry, QgsPointXY, QgsProcessingContext,
                           QgsProcessingException, QgsProcessingFeedback, QgsProcessingParameterFile, QgsRectangle,
                           QgsVectorLayer)
except ImportError:
    print('the QGIS Python bindings (python3-qgis) are not installed: skipped')
    sys.exit(77)

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
sys.path.insert(0, os.path.join(ROOT, 'qgis'))
sys.path.append('/usr/share/qgis/python/plugins')
EXECUTABLE = os.environ.get('LOCALITY_EXECUTABLE', os.path.join(ROOT, 'build', 'locality'))
FIXTURES = os.path.join(ROOT, 'data', 'fixtures')

# A throw-away QGIS profile: the tests leave the user's settings alone.
PROFILE = tempfile.mkdtemp(prefix='locality_qgis_profile_')
APP = QgsApplication([], False, PROFILE)
APP.initQgis()

from locality_processing import cli_help, cli_runner, command, executable, layer_export, options, progress  # noqa
from locality_processing.algorithm import ProposeAlgorithm, _LoadDefaultStyle  # noqa: E402


def read_lines(path):
    with open(path, encoding='utf-8') as handle:
        return handle.read().splitlines()


class RecordingFeedback(QgsProcessingFeedback):
    """Keeps what the plugin reports."""

    def __init__(self):
        super().__init__()
        self.percents, self.texts, self.warnings, self.errors = [], [], [], []

    def setProgressText(self, text):  # noqa: N802
        self.texts.append(text)

    def pushWarning(self, text):  # noqa: N802
        self.warnings.append(text)

    def reportError(self, text, fatal=False):  # noqa: N802
        self.errors.append(text)


class CommandLine(unittest.TestCase):
    def test_the_demo_form_gives_the_demo_arguments(self):
        """The demo's parameters give exactly data/demo/propose.args (plus the form's explicit defaults)."""
        values = {'AREAS': 'data/demo/nyc_demo.gpkg|layername=tract', 'AREA_ID': 'geoid',
                  'POPULATION': 'population',
                  'CASES': [('nyc311_2018-06', 'data/demo/nyc311_2018-06.csv'),
                            ('nyc311_2022-05-01', 'data/demo/nyc311_2022-05-01.csv')],
                  'AGENCY_FIELD': 'Agency', 'AGENCY_NAMES': 'data/demo/agency_names.csv',
                  'SERVICE_AREAS': [('police', 'data/demo/nyc_demo.gpkg|layername=police'),
                                    ('school', 'data/demo/nyc_demo.gpkg|layername=school')],
                  'SERVICE_AREA_NAMES': 'police,schools', 'MIN_POPULATION': 1000000, 'SEED': 1,
                  'OUTPUT': 'out'}
        arguments = command.build_arguments('propose', values)
        expected = read_lines(os.path.join(ROOT, 'data', 'demo', 'propose.args')) + ['--output', 'out']
        self.assertEqual(sorted(_pairs(arguments)), sorted(_pairs(expected)))
        kept = command.build_arguments('propose', dict(values, KEEP_CLOSE_TO='police, schools=2.5'))
        self.assertEqual(sorted(_pairs(kept)),
                         sorted(_pairs(expected + ['--keep-close-to', 'police', '--keep-close-to', 'schools=2.5'])))

    def test_the_evaluate_form_gives_its_command_line(self):
        """Today's precincts as localities, then an edited assignment: the command lines written by hand."""
        police, school = 'data/demo/nyc_demo.gpkg|layername=police', 'data/demo/nyc_demo.gpkg|layername=school'
        values = {'AREAS': 'data/demo/nyc_demo.gpkg|layername=tract', 'AREA_ID': 'geoid',
                  'POPULATION': 'population', 'CASES': [('nyc311_2018-06', 'data/demo/nyc311_2018-06.csv')],
                  'AGENCY_FIELD': 'Agency', 'SERVICE_AREAS': [('police', police), ('school', school)],
                  'SERVICE_AGENCY': 'police=NYPD, school=DOE', 'GIVEN_LOCALITIES': police,
                  'LOCALITY_ID': 'police_precinct_id', 'MIN_POPULATION': 150000,
                  'CONSTRAINTS': ['cases_NYPD', None, '400'], 'STRICT': True, 'TOLERANCE': 2.0,
                  'SUPPRESS_BELOW': 0, 'AREA_COUNTS': False, 'OVERWRITE': True, 'OUTPUT': 'out'}
        expected = ['evaluate', '--areas', 'data/demo/nyc_demo.gpkg|layername=tract', '--area-id', 'geoid',
                    '--population', 'population', '--cases', 'data/demo/nyc311_2018-06.csv', '--agency-field',
                    'Agency', '--service-areas', 'police=' + police, '--service-areas', 'school=' + school,
                    '--tolerance', '2', '--localities', police, '--locality-id', 'police_precinct_id',
                    '--min-population', '150000', '--max', 'cases_NYPD=400', '--strict', '--service-agency',
                    'police=NYPD', '--service-agency', 'school=DOE', '--suppress-below', '0', '--overwrite',
                    '--output', 'out']
        self.assertEqual(sorted(_pairs(command.build_arguments('evaluate', values))), sorted(_pairs(expected)))
        edited = dict(values, GIVEN_LOCALITIES=None, LOCALITY_ID=None, STRICT=False, CONSTRAINTS=None,
                      GIVEN_ASSIGNMENT='out/localities.gpkg|layername=areas', ASSIGNMENT_AREA_FIELD='area_id',
                      LOCALITY_FIELD='my_locality')
        expected = expected[:17] + ['--assignment', 'out/localities.gpkg|layername=areas', '--assignment-area-field',
                                    'area_id', '--locality-field', 'my_locality', '--min-population', '150000',
                                    '--service-agency', 'police=NYPD', '--service-agency', 'school=DOE',
                                    '--suppress-below', '0', '--overwrite', '--output', 'out']
        self.assertEqual(sorted(_pairs(command.build_arguments('evaluate', edited))), sorted(_pairs(expected)))
        # An earlier release, already handed over: a folder, passed as --released (decision 0041).
        released = command.build_arguments('evaluate', dict(edited, RELEASED='out_before'))
        self.assertEqual(sorted(_pairs(released)), sorted(_pairs(expected + ['--released', 'out_before'])))

    def test_the_released_folder_is_a_folder_parameter(self):
        """--released names a folder, not a file: the form must offer a folder chooser."""
        for form in ('propose', 'evaluate', 'frontier'):
            self.assertIn(options.RELEASED, options.COMMAND_OPTIONS[form], form)
        parameter = options.make_parameter(options.RELEASED)
        self.assertEqual(parameter.behavior(), QgsProcessingParameterFile.Folder)

    def test_the_compare_form_gives_positional_plans(self):
        """Plans go first, as NAME=SOURCE; layer names that repeat (three 'areas' layers) get _2, _3;
        typed names win; the shape, confidence, pin and maintenance options reach propose."""
        plans = [('areas', 'a/localities.gpkg|layername=areas'), ('areas', 'b/localities.gpkg|layername=areas'),
                 ('police', 'nyc.gpkg|layername=police')]
        values = {'PLANS': plans, 'AREAS': 'tracts.gpkg', 'AREA_ID': 'geoid', 'CASES': [('c', 'c.csv')],
                  'AGENCY_FIELD': 'Agency', 'PLAN_LOCALITY_ID': 'precinct', 'OUTPUT': 'out'}
        arguments = command.build_arguments('compare', values)
        self.assertEqual(arguments[:4], ['compare', 'areas=a/localities.gpkg|layername=areas',
                                         'areas_2=b/localities.gpkg|layername=areas',
                                         'police=nyc.gpkg|layername=police'])
        self.assertIn(('--locality-id', 'precinct'), _pairs(arguments))
        named = command.build_arguments('compare', dict(values, PLAN_NAMES='proposal,edited,today'))
        self.assertEqual(named[1:4], ['proposal=a/localities.gpkg|layername=areas',
                                      'edited=b/localities.gpkg|layername=areas', 'today=nyc.gpkg|layername=police'])
        propose = command.build_arguments('propose', {
            'AREAS': 'tracts.gpkg', 'AREA_ID': 'geoid', 'CASES': [('c', 'c.csv')], 'AGENCY_FIELD': 'Agency',
            'SHAPE_WEIGHT': 0.3, 'CONFIDENCE': 20, 'FIXED_LOCALITIES': 'catchments.gpkg',
            'START_FROM': 'out/assignment.csv', 'MAX_MOVED': '5%', 'OUTPUT': 'next'})
        for pair in [('--shape-weight', '0.3'), ('--confidence', '20'), ('--fixed-localities', 'catchments.gpkg'),
                     ('--start-from', 'out/assignment.csv'), ('--max-moved', '5%')]:
            self.assertIn(pair, _pairs(propose))

    def test_the_frontier_form_gives_propose_with_frontier(self):
        """locality:frontier runs `locality propose --frontier WHAT[=WEIGHTS]`: the weights typed with spaces
        become the CLI's list; weights typed twice are refused; options a sweep refuses are not offered."""
        values = {'AREAS': 'g.geojson', 'AREA_ID': 'id', 'CASES': [('c', 'c.csv')], 'AGENCY_FIELD': 'agency',
                  'SERVICE_AREAS': [('police', 'p.geojson')], 'K': 2, 'FRONTIER': 'police',
                  'FRONTIER_WEIGHTS': '0, 0.5 ,10', 'KEEP_CLOSE_TO': 'schools=2', 'OUTPUT': 'o'}
        arguments = command.build_arguments('frontier', values)
        expected = ['propose', '--areas', 'g.geojson', '--area-id', 'id', '--cases', 'c.csv', '--agency-field',
                    'agency', '--service-areas', 'police=p.geojson', '--keep-close-to', 'schools=2', '--frontier',
                    'police=0,0.5,10', '--k', '2', '--output', 'o']
        self.assertEqual(sorted(_pairs(arguments)), sorted(_pairs(expected)))
        shape = command.build_arguments('frontier', dict(values, FRONTIER='shape', FRONTIER_WEIGHTS=''))
        self.assertIn(('--frontier', 'shape'), _pairs(shape))
        with self.assertRaisesRegex(command.FormError, 'FRONTIER_WEIGHTS only'):
            command.build_arguments('frontier', dict(values, FRONTIER='shape=0,1'))
        from locality_processing.algorithm import FrontierAlgorithm
        algorithm = FrontierAlgorithm(lambda: EXECUTABLE)
        algorithm.initAlgorithm()
        text = algorithm.shortHelpString()
        self.assertIn('<code>locality propose --frontier</code>', text)
        self.assertIn(html.escape(cli_help.read_help(EXECUTABLE, 'propose').options['--frontier']), text)
        offered = {option.name for option in options.COMMAND_OPTIONS['frontier']}
        self.assertFalse(offered & {'CONFIDENCE', 'START_FROM', 'START_FROM_LOCALITIES', 'MAX_MOVED'})
        # A sweep writes one area_counts.csv for every point (decision 0042): the flag reaches the CLI.
        self.assertIn('--area-counts', command.build_arguments('frontier', dict(values, AREA_COUNTS=True)))
        self.assertEqual(options.cli_command('frontier'), 'propose')

    def test_names_tags_and_defaults(self):
        option = options.SERVICE_AREAS
        self.assertEqual(command.tagged_sources(option, [('Police areas', 'a.gpkg'), ('2 school', 'b.shp')], '', False),
                         ['Police_areas=a.gpkg', '_2_school=b.shp'])
        self.assertEqual(command.tagged_sources(option, [('Précincts NYPD', 'a.gpkg'), ('Zones à risque', 'b.shp')],
                                                '', False), ['Precincts_NYPD=a.gpkg', 'Zones_a_risque=b.shp'])
        self.assertEqual(command.tagged_sources(option, [('x', 'a.gpkg')], ' police ', False), ['police=a.gpkg'])
        self.assertEqual(command.tagged_sources(options.CASES, [('x', 'a.csv')], '', True), ['a.csv'])
        with self.assertRaisesRegex(command.FormError, '2 name.*1 layer'):
            command.tagged_sources(option, [('x', 'a.gpkg')], 'a,b', False)
        with self.assertRaisesRegex(command.FormError, "'a b' is not a valid name"):
            command.tagged_sources(option, [('x', 'a.gpkg')], 'a b', False)

    def test_cases_without_agency_field_are_named_after_their_layers(self):
        arguments = command.build_arguments('overlay', {'AREAS': 'g.geojson', 'AREA_ID': 'id', 'OUTPUT': 'o',
                                                        'CASES': [('police', 'p.csv'), ('health', 'h.csv')]})
        self.assertEqual(arguments[arguments.index('--cases') + 1], 'police=p.csv')
        self.assertIn('health=h.csv', arguments)

    def test_constraints_matrix(self):
        self.assertEqual(command.constraint_arguments(['population', '20000', '', 'cases_police', '', '4000']),
                         ['--min', 'population=20000', '--max', 'cases_police=4000'])
        self.assertEqual(command.constraint_arguments([None]), [])
        with self.assertRaises(command.FormError):
            command.constraint_arguments(['population', '', ''])

    def test_numbers_enums_flags(self):
        arguments = command.build_arguments('regionalize', {
            'AREAS': 'a.gpkg', 'AREA_ID': 'id', 'ATTRIBUTES': ['x', 'y'], 'TOLERANCE': 2.5, 'K': 4,
            'ISLANDS': 1, 'OVERWRITE': False, 'COMPACTNESS': 3.0, 'OUTPUT': 'o'})
        text = ' '.join(arguments)
        for part in ['--tolerance 2.5', '--k 4', '--islands own', '--attributes x,y', '--compactness 3']:
            self.assertIn(part, text)
        self.assertNotIn('--overwrite', arguments)

    def test_every_option_is_an_option_of_the_cli(self):
        """The table and the CLI agree: each flag appears in `locality <command> --help`, with its text."""
        for name, table in options.COMMAND_OPTIONS.items():
            parsed = cli_help.read_help(EXECUTABLE, options.cli_command(name))
            self.assertIsNotNone(parsed, 'no --help from ' + EXECUTABLE)
            self.assertTrue(parsed.description)
            self.assertIn('Writes', parsed.footer)
            for option in table:
                if option.flag:
                    self.assertTrue(parsed.options.get(option.flag), '{} {}'.format(name, option.flag))


def _pairs(arguments):
    """Options with their values, so the order of options does not matter."""
    pairs, index = [], 1
    defaults = {('--tolerance', '1'), ('--islands', 'bridge'), ('--method', 'auto'), ('--smooth', 'none'),
                ('--suppress-below', '5'), ('--overwrite', None)}
    while index < len(arguments):
        flag = arguments[index]
        value = arguments[index + 1] if index + 1 < len(arguments) and not arguments[index + 1].startswith('--') \
            else None
        index += 2 if value is not None else 1
        if (flag, value) not in defaults:
            pairs.append((flag, value))
    return [(arguments[0], None)] + pairs


def _without_run_details(summary):
    """summary.json without what differs between two runs of the same inputs: when it ran, its command
    line (the output folder, the form's explicit defaults) and the inputs' paths."""
    if isinstance(summary, dict):
        return {key: _without_run_details(value) for key, value in summary.items()
                if key not in ('created', 'command_line') and not (key == 'source' and isinstance(value, str))}
    if isinstance(summary, list):
        return [_without_run_details(value) for value in summary]
    return summary


class Progress(unittest.TestCase):
    def test_lines(self):
        line = progress.parse_line('locality:  42% reading points\n')
        self.assertEqual((line.kind, line.percent, line.text), (progress.PROGRESS, 42, 'reading points'))
        line = progress.parse_line("locality: warning: cases: 2 of 10 have no usable coordinates")
        self.assertEqual((line.kind, line.text), (progress.WARNING, 'cases: 2 of 10 have no usable coordinates'))
        line = progress.parse_line("locality: error: field 'x' is not a number")
        self.assertEqual((line.kind, line.text), (progress.ERROR, "field 'x' is not a number"))
        self.assertEqual(progress.parse_line('locality: internal error: boom (please report it)').kind, progress.ERROR)
        self.assertEqual(progress.parse_line('something else').kind, progress.INFO)


class Executable(unittest.TestCase):
    def test_setting_then_path_then_build_tree(self):
        with tempfile.TemporaryDirectory() as folder:
            plugin_dir = os.path.join(folder, 'qgis', 'locality_processing')
            os.makedirs(plugin_dir)
            with self.assertRaisesRegex(executable.ExecutableNotFound, 'cannot find'):
                executable.find_executable('', plugin_dir, search_path=folder)
            built = _script(os.path.join(folder, 'locality'), 'exit 0')
            self.assertEqual(executable.find_executable('', plugin_dir, search_path=folder), built)
            on_path = _script(os.path.join(folder, 'bin', 'locality'), 'exit 0')
            self.assertEqual(executable.find_executable('', plugin_dir, os.path.dirname(on_path)), on_path)
            self.assertEqual(executable.find_executable(built, plugin_dir, os.path.dirname(on_path)), built)
            with self.assertRaisesRegex(executable.ExecutableNotFound, 'not an executable'):
                executable.find_executable(os.path.join(folder, 'nothing'), plugin_dir)


def _script(path, body):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as handle:
        handle.write('#!/bin/sh\n' + body + '\n')
    os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR)
    return path


class Runner(unittest.TestCase):
    def test_progress_warnings_and_the_error_message(self):
        with tempfile.TemporaryDirectory() as folder:
            fake = _script(os.path.join(folder, 'locality'), "echo 'locality:   0% reading areas' >&2\n"
                           "echo 'locality:  50% overlay' >&2\necho 'locality: warning: 3 lost' >&2\n"
                           "echo 'locality: error: first of two' >&2\n"
                           "echo \"locality: error: field 'pop' is not a number\" >&2\nexit 1")
            feedback = RecordingFeedback()
            with self.assertRaises(QgsProcessingException) as raised:
                cli_runner.run(fake, ['propose'], feedback)
            self.assertEqual(str(raised.exception), "field 'pop' is not a number")
            self.assertEqual(feedback.texts, ['reading areas', 'overlay'])
            self.assertEqual(feedback.warnings, ['3 lost'])
            # The last error is the exception's message, which Processing logs itself: not reported twice.
            self.assertEqual(feedback.errors, ['first of two'])
            self.assertEqual(feedback.progress(), 50)

    def test_cancel_stops_the_child_and_removes_its_staging_files(self):
        with tempfile.TemporaryDirectory() as folder:
            out = os.path.join(folder, 'out')
            os.makedirs(out)
            kept = os.path.join(out, '.old.0123456789abcdef.tmp')  # not this run's: stays
            open(kept, 'w').close()
            pid_file = os.path.join(folder, 'pid')
            fake = _script(os.path.join(folder, 'locality'),
                           'echo $$ > {}\ntouch {}/.assignment.csv.00000000deadbeef.tmp\n'
                           "echo 'locality:  10% reading points' >&2\nexec sleep 60".format(pid_file, out))
            feedback = RecordingFeedback()
            threading.Timer(1.0, feedback.cancel).start()
            started = time.monotonic()
            with self.assertRaises(cli_runner.Cancelled):
                cli_runner.run(fake, ['propose'], feedback, out)
            self.assertLess(time.monotonic() - started, 10)
            with open(pid_file) as handle:
                pid = int(handle.read())
            self.assertFalse(os.path.exists('/proc/{}'.format(pid)) and _state(pid) != 'Z', 'child still runs')
            self.assertEqual(os.listdir(out), ['.old.0123456789abcdef.tmp'])


def _state(pid):
    try:
        return open('/proc/{}/stat'.format(pid)).read().split()[2]
    except OSError:
        return 'Z'


class LayerSources(unittest.TestCase):
    def test_files_go_as_their_gdal_source(self):
        gpkg = os.path.join(ROOT, 'data', 'demo', 'nyc_demo.gpkg')
        layer = QgsVectorLayer(gpkg + '|layername=police', 'police', 'ogr')
        self.assertTrue(layer.isValid())
        self.assertEqual(layer_export.direct_source(layer), gpkg + '|layername=police')
        table = QgsVectorLayer(os.path.join(FIXTURES, 'points3x3.csv'), 'points', 'ogr')
        self.assertEqual(layer_export.direct_source(table), os.path.join(FIXTURES, 'points3x3.csv'))

    def test_filtered_and_memory_layers_are_exported(self):
        """A subset filter is honoured: the export holds the police rows of the CSV, counted by csv."""
        with open(os.path.join(FIXTURES, 'points3x3.csv'), newline='') as handle:
            police = [row for row in csv.DictReader(handle) if row['agency'] == 'police']
        layer = QgsVectorLayer(_points_layer_uri(), 'points', 'delimitedtext')
        self.assertTrue(layer.isValid())
        layer.setSubsetString("\"agency\" = 'police'")
        self.assertIsNone(layer_export.direct_source(layer))
        exported = []
        source = layer_export.layer_source(layer, 'cases_1', QgsProcessingContext(), None, exported)
        copy = QgsVectorLayer(source, 'copy', 'ogr')
        self.assertEqual(copy.featureCount(), len(police))
        self.assertEqual(sorted(f['id'] for f in copy.getFeatures()), sorted(int(row['id']) for row in police))
        self.assertEqual(exported, [source.split('|')[0]])
        os.remove(exported[0])

    def test_a_filtered_layer_of_a_multi_layer_geopackage_is_copied_and_counted(self):
        """Two layers of one GeoPackage in the project, one filtered (QGIS 3.22 cannot count that one: -1,
        'unable to open database file'): the copy holds the filtered cells and the log gives their number."""
        with tempfile.TemporaryDirectory() as folder:
            gpkg = os.path.join(folder, 'grille 3x3.gpkg')
            for update, name in ([], 'mailles'), (['-update'], 'maillé x'):
                subprocess.run(['ogr2ogr', '-f', 'GPKG'] + update + [gpkg, os.path.join(FIXTURES, 'grid3x3.geojson'),
                                                                     '-nln', name], check=True)
            other = QgsVectorLayer(gpkg + '|layername=mailles', 'mailles', 'ogr')
            layer = QgsVectorLayer(gpkg + '|layername=maillé x', 'maillé x', 'ogr')
            layer.setSubsetString("\"cell_id\" LIKE 'c0%'")
            feedback, infos, exported = QgsProcessingFeedback(), [], []
            feedback.pushInfo = infos.append
            source = layer_export.layer_source(layer, 'areas', QgsProcessingContext(), feedback, exported)
            copy = QgsVectorLayer(source, 'copy', 'ogr')
            self.assertEqual(sorted(f['cell_id'] for f in copy.getFeatures()), ['c00', 'c01', 'c02'])
            self.assertEqual(infos, ["layer 'maillé x' written to a temporary GeoPackage (3 feature(s)) for locality"])
            self.assertTrue(other.isValid())
            os.remove(exported[0])


def _points_layer_uri():
    path = os.path.join(FIXTURES, 'points3x3.csv')
    return 'file://{}?type=csv&xField=x&yField=y&crs=EPSG:32618&detectTypes=yes'.format(path)


def _memory_cases():
    """The points of points3x3.csv that have coordinates, as a memory layer."""
    layer = QgsVectorLayer('Point?crs=EPSG:32618&field=id:integer&field=agency:string', 'cases', 'memory')
    features = []
    with open(os.path.join(FIXTURES, 'points3x3.csv'), newline='') as handle:
        for row in csv.DictReader(handle):
            try:
                x, y = float(row['x']), float(row['y'])
            except ValueError:
                continue
            feature = QgsFeature(layer.fields())
            feature.setAttributes([int(row['id']), row['agency']])
            feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
            features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


class Algorithm(unittest.TestCase):
    """The propose algorithm through Processing itself, with the real CLI, on the 3x3 grid."""

    @classmethod
    def setUpClass(cls):
        from processing.core.Processing import Processing
        Processing.initialize()
        os.environ['PATH'] = os.path.dirname(os.path.abspath(EXECUTABLE)) + os.pathsep + os.environ['PATH']

    def run_propose(self, cases, out, feedback=None, **extra):
        import processing
        parameters = {'AREAS': os.path.join(FIXTURES, 'grid3x3.geojson'), 'AREA_ID': 'cell_id',
                      'POPULATION': 'pop', 'CASES': cases, 'AGENCY_FIELD': 'agency', 'CASES_CRS': 'EPSG:32618',
                      'K': 3, 'SEED': 1, 'SUPPRESS_BELOW': 0, 'OUTPUT': out}
        parameters.update(extra)
        parameters = {name: value for name, value in parameters.items() if value is not None}
        algorithm = ProposeAlgorithm()
        algorithm.initAlgorithm()
        return processing.run(algorithm, parameters, feedback=feedback or QgsProcessingFeedback(),
                              context=QgsProcessingContext())

    def test_a_memory_layer_as_cases_gives_the_cli_result(self):
        with tempfile.TemporaryDirectory() as folder:
            cli_out = os.path.join(folder, 'cli')
            subprocess.run([EXECUTABLE, 'propose', '--areas', os.path.join(FIXTURES, 'grid3x3.geojson'),
                            '--area-id', 'cell_id', '--population', 'pop', '--cases',
                            os.path.join(FIXTURES, 'points3x3.csv'), '--agency-field', 'agency',
                            '--cases-crs', 'EPSG:32618', '--k', '3', '--seed', '1', '--suppress-below', '0',
                            '--output', cli_out, '--quiet'], check=True)
            plugin_out = os.path.join(folder, 'plugin')
            layer = _memory_cases()
            results = self.run_propose([layer], plugin_out)
            self.assertEqual(read_lines(results['ASSIGNMENT']), read_lines(os.path.join(cli_out, 'assignment.csv')))
            self.assertEqual(results['LOCALITIES'],
                             os.path.join(plugin_out, 'localities.gpkg') + '|layername=localities')
            loaded = QgsVectorLayer(results['LOCALITIES'], 'localities', 'ogr')
            self.assertEqual(loaded.renderer().type(), 'categorizedSymbol')
            # The temporary copy of the cases is gone (from this process's Processing folder: other
            # processes' folders are theirs).
            from qgis.core import QgsProcessingUtils
            for _root, _dirs, files in os.walk(QgsProcessingUtils.tempFolder()):
                self.assertFalse([f for f in files if f.startswith('cases_1')], files)

    def test_selected_areas_only_counts_those_areas_as_the_cli_does(self):
        """'Selected features only' on the areas: area_counts.csv is the CLI's for those cells cut out of the
        file by ogr2ogr (a point on the border of a cell left out counts in the selected one); nothing
        selected is a clear error."""
        import processing
        from qgis.core import QgsProcessingFeatureSourceDefinition, QgsProject
        from locality_processing.algorithm import OverlayAlgorithm
        grid, points = os.path.join(FIXTURES, 'grid3x3.geojson'), os.path.join(FIXTURES, 'points3x3.csv')
        layer = QgsVectorLayer(grid, 'grid cells', 'ogr')
        QgsProject.instance().addMapLayer(layer)
        try:
            with tempfile.TemporaryDirectory() as folder:
                cells = sorted(str(feature['cell_id']) for feature in layer.getFeatures())[2:5]
                where = 'cell_id IN ({})'.format(','.join("'{}'".format(cell) for cell in cells))
                cut = os.path.join(folder, 'cut.geojson')
                subprocess.run(['ogr2ogr', '-where', where, cut, grid], check=True)
                subprocess.run([EXECUTABLE, 'overlay', '--areas', cut, '--area-id', 'cell_id', '--cases', points,
                                '--agency-field', 'agency', '--cases-crs', 'EPSG:32618', '--suppress-below', '0',
                                '--output', os.path.join(folder, 'cli'), '--quiet'], check=True)
                layer.selectByExpression(where)
                self.assertEqual(layer.selectedFeatureCount(), 3)
                parameters = {'AREAS': QgsProcessingFeatureSourceDefinition(layer.id(), True), 'AREA_ID': 'cell_id',
                              'CASES': [points], 'AGENCY_FIELD': 'agency', 'CASES_CRS': 'EPSG:32618',
                              'SUPPRESS_BELOW': 0, 'OUTPUT': os.path.join(folder, 'plugin')}
                algorithm = OverlayAlgorithm()
                algorithm.initAlgorithm()
                context = QgsProcessingContext()
                context.setProject(QgsProject.instance())  # where the selection's layer is
                results = processing.run(algorithm, parameters, context=context)
                self.assertEqual(read_lines(results['AREA_COUNTS']),
                                 read_lines(os.path.join(folder, 'cli', 'area_counts.csv')))
                self.assertEqual(len(read_lines(results['AREA_COUNTS'])), 4)
                # The modeller's and batch mode's values come as properties (PyQGIS gives their text as a tuple).
                from qgis.core import QgsProperty
                by_property = dict(parameters, AREAS=QgsProperty.fromValue(cut), OUTPUT=os.path.join(folder, 'prop'))
                results = processing.run(algorithm, by_property, context=context)
                self.assertEqual(read_lines(results['AREA_COUNTS']),
                                 read_lines(os.path.join(folder, 'cli', 'area_counts.csv')))
                limited = QgsProcessingFeatureSourceDefinition(layer.id(), True, 2)
                with self.assertRaisesRegex(QgsProcessingException, 'AREAS: a feature limit \\(2\\)'):
                    processing.run(algorithm, dict(parameters, AREAS=limited), context=context)
                layer.removeSelection()
                with self.assertRaisesRegex(QgsProcessingException, "'grid cells'.*no feature is selected"):
                    processing.run(algorithm, parameters, context=context)
        finally:
            QgsProject.instance().removeMapLayer(layer.id())

    def test_a_filtered_csv_table_of_cases_counts_as_the_cli_counts_its_rows(self):
        """A CSV added as it is (a table) with a filter goes as a temporary CSV, whose coordinate columns
        the CLI reads: each cell's police count is the police column of the CLI's run on the whole file."""
        import processing
        from locality_processing.algorithm import OverlayAlgorithm
        grid, points = os.path.join(FIXTURES, 'grid3x3.geojson'), os.path.join(FIXTURES, 'points3x3.csv')
        table = QgsVectorLayer(points, 'cas filtrés', 'ogr')
        table.setSubsetString("\"agency\" = 'police'")
        self.assertFalse(table.isSpatial())
        with tempfile.TemporaryDirectory() as folder:
            subprocess.run([EXECUTABLE, 'overlay', '--areas', grid, '--area-id', 'cell_id', '--cases', points,
                            '--agency-field', 'agency', '--cases-crs', 'EPSG:32618', '--suppress-below', '0',
                            '--output', os.path.join(folder, 'cli'), '--quiet'], check=True)
            algorithm = OverlayAlgorithm()
            algorithm.initAlgorithm()
            results = processing.run(algorithm, {
                'AREAS': grid, 'AREA_ID': 'cell_id', 'CASES': [table], 'AGENCY_FIELD': 'agency',
                'CASES_CRS': 'EPSG:32618', 'SUPPRESS_BELOW': 0, 'OUTPUT': os.path.join(folder, 'plugin')},
                context=QgsProcessingContext())
            counts = {}
            for path in (os.path.join(folder, 'cli', 'area_counts.csv'), results['AREA_COUNTS']):
                with open(path, newline='') as handle:
                    counts[path] = {row['area_id']: row['cases_police'] for row in csv.DictReader(handle)}
            cli_counts, plugin_counts = counts.values()
            self.assertEqual(plugin_counts, cli_counts)
            self.assertGreater(sum(int(count) for count in plugin_counts.values()), 0)

    def test_a_message_about_a_temporary_copy_names_the_layer(self):
        """A memory layer goes as a temporary GeoPackage; the CLI's message names the layer, not the copy."""
        areas = QgsVectorLayer('Polygon?crs=EPSG:32618&field=code:integer', 'Zones à risque', 'memory')
        features = []
        for index in range(2):
            feature = QgsFeature(areas.fields())
            feature.setAttributes([7])  # the same id twice
            feature.setGeometry(QgsGeometry.fromRect(QgsRectangle(index, 0, index + 1, 1)))
            features.append(feature)
        areas.dataProvider().addFeatures(features)
        with tempfile.TemporaryDirectory() as folder:
            with self.assertRaises(QgsProcessingException) as raised:
                self.run_propose([os.path.join(FIXTURES, 'points3x3.csv')], os.path.join(folder, 'o'), AREAS=areas,
                                 AREA_ID='code', POPULATION=None)
        message = str(raised.exception)
        self.assertIn("'Zones à risque'", message)
        broken = QgsVectorLayer(os.path.join(FIXTURES, 'no_such_file.gpkg'), 'parti', 'ogr')
        with self.assertRaisesRegex(QgsProcessingException, "AREAS: layer 'parti' is not valid"):
            self.run_propose([os.path.join(FIXTURES, 'points3x3.csv')], 'o', AREAS=broken, POPULATION=None)
        self.assertIn("'7'", message)
        self.assertNotIn('.gpkg', message)

    def test_outputs_load_into_the_project_styled(self):
        """As the toolbox does it (runAndLoadResults): both layers in the project, each with its style."""
        import processing
        from qgis.core import QgsProject
        from locality_processing.provider import LocalityProvider
        provider = LocalityProvider()
        QgsApplication.processingRegistry().addProvider(provider)
        try:
            with tempfile.TemporaryDirectory() as folder:
                results = processing.runAndLoadResults('locality:propose', {
                    'AREAS': os.path.join(FIXTURES, 'grid3x3.geojson'), 'AREA_ID': 'cell_id',
                    'CASES': [os.path.join(FIXTURES, 'points3x3.csv')], 'AGENCY_FIELD': 'agency',
                    'CASES_CRS': 'EPSG:32618', 'K': 2, 'OUTPUT': folder})
                loaded = {layer.source(): layer.renderer().type()
                          for layer in QgsProject.instance().mapLayers().values()}
                self.assertEqual(loaded.get(results['LOCALITIES']), 'categorizedSymbol')
                self.assertEqual(loaded.get(results['AREAS_BY_NEED']), 'graduatedSymbol')
                self.assertEqual(results['REPORT'], os.path.join(folder, 'report.html'))
                QgsProject.instance().clear()
        finally:
            QgsApplication.processingRegistry().removeProvider(provider)

    def test_a_frontier_writes_the_cli_frontier_and_loads_its_table_knee_and_points_styled(self):
        """locality:frontier on the 3x3 grid (police teams: the halves): frontier.csv is the CLI's; as the
        toolbox runs it, the table, the shown point's localities and every point's layer of scenarios.gpkg
        are in the project, the localities categorised by locality as they ship."""
        import processing
        from qgis.core import QgsProject, QgsWkbTypes
        from locality_processing.algorithm import frontier_points
        from locality_processing.provider import LocalityProvider
        grid, points = os.path.join(FIXTURES, 'grid3x3.geojson'), os.path.join(FIXTURES, 'points3x3.csv')
        halves = os.path.join(FIXTURES, 'halves3x3.geojson')
        provider = LocalityProvider()
        QgsApplication.processingRegistry().addProvider(provider)
        try:
            with tempfile.TemporaryDirectory() as folder:
                cli_out = os.path.join(folder, 'cli')
                subprocess.run([EXECUTABLE, 'propose', '--areas', grid, '--area-id', 'cell_id', '--population',
                                'pop', '--cases', points, '--agency-field', 'agency', '--cases-crs', 'EPSG:32618',
                                '--service-areas', 'police=' + halves, '--k', '2', '--seed', '1',
                                '--suppress-below', '0', '--frontier', 'police=0,1,100', '--output', cli_out,
                                '--quiet'], check=True)
                out = os.path.join(folder, 'plugin')
                results = processing.runAndLoadResults('locality:frontier', {
                    'AREAS': grid, 'AREA_ID': 'cell_id', 'POPULATION': 'pop', 'CASES': [points],
                    'AGENCY_FIELD': 'agency', 'CASES_CRS': 'EPSG:32618', 'SERVICE_AREAS': [halves],
                    'SERVICE_AREA_NAMES': 'police', 'K': 2, 'SEED': 1, 'SUPPRESS_BELOW': 0,
                    'FRONTIER': 'police', 'FRONTIER_WEIGHTS': '0,1,100', 'OUTPUT': out})
                self.assertEqual(read_lines(os.path.join(out, 'frontier.csv')),
                                 read_lines(os.path.join(cli_out, 'frontier.csv')))
                tags, knee, shown = frontier_points(out)
                self.assertEqual([tag for tag, _weight in tags], ['close0000', 'close1000', 'close100000'])
                gpkg = os.path.join(out, 'scenarios.gpkg')
                self.assertEqual(results['POINTS'], [gpkg + '|layername=localities_' + tag for tag, _ in tags])
                self.assertEqual(results['LOCALITIES'], gpkg + '|layername=localities_' + shown)
                self.assertEqual(results['FRONTIER'], os.path.join(out, 'frontier.csv'))
                loaded = {layer.source(): layer for layer in QgsProject.instance().mapLayers().values()}
                table = loaded.get(results['FRONTIER'])
                self.assertIsNotNone(table, sorted(loaded))
                self.assertEqual(table.wkbType(), QgsWkbTypes.NoGeometry)
                self.assertEqual(table.featureCount(), 3)
                for source in results['POINTS']:
                    self.assertIn(source, loaded)
                    self.assertEqual(loaded[source].renderer().type(), 'categorizedSymbol', source)
                    self.assertEqual(loaded[source].featureCount(), 2, source)
                names = sorted(layer.name() for layer in loaded.values())
                shown_label = ('Knee: ' if knee == shown else 'First point (no knee): ') + shown
                self.assertTrue(any(name.startswith(shown_label) for name in names), names)
                QgsProject.instance().clear()
        finally:
            QgsApplication.processingRegistry().removeProvider(provider)

    def test_overlay_and_regionalize_write_what_the_cli_writes(self):
        import processing
        from locality_processing.algorithm import OverlayAlgorithm, RegionalizeAlgorithm
        grid, points = os.path.join(FIXTURES, 'grid3x3.geojson'), os.path.join(FIXTURES, 'points3x3.csv')
        runs = [(OverlayAlgorithm, {'AREAS': grid, 'AREA_ID': 'cell_id', 'POPULATION': 'pop', 'CASES': [points],
                                    'AGENCY_FIELD': 'agency', 'CASES_CRS': 'EPSG:32618', 'SUPPRESS_BELOW': 0},
                 ['overlay', '--areas', grid, '--area-id', 'cell_id', '--population', 'pop', '--cases', points,
                  '--agency-field', 'agency', '--cases-crs', 'EPSG:32618', '--suppress-below', '0'],
                 'AREA_COUNTS', 'area_counts.csv'),
                (RegionalizeAlgorithm, {'AREAS': grid, 'AREA_ID': 'cell_id', 'ATTRIBUTES': ['pop'], 'K': 2},
                 ['regionalize', '--areas', grid, '--area-id', 'cell_id', '--attributes', 'pop', '--k', '2'],
                 'ASSIGNMENT', 'assignment.csv')]
        for algorithm_type, parameters, arguments, output, file_name in runs:
            with tempfile.TemporaryDirectory() as folder:
                cli_out = os.path.join(folder, 'cli')
                subprocess.run([EXECUTABLE] + arguments + ['--output', cli_out, '--quiet'], check=True)
                algorithm = algorithm_type()
                algorithm.initAlgorithm()
                results = processing.run(algorithm, dict(parameters, OUTPUT=os.path.join(folder, 'plugin')),
                                         context=QgsProcessingContext())
                self.assertEqual(read_lines(results[output]), read_lines(os.path.join(cli_out, file_name)))
                if 'LOCALITIES' in results:
                    layer = QgsVectorLayer(results['LOCALITIES'], 'l', 'ogr')
                    self.assertEqual(layer.renderer().type(), 'categorizedSymbol')  # its sidecar .qml
                    # What regionalize writes besides (docs/cli/regionalize.md): the areas and the report.
                    areas = QgsVectorLayer(results['AREA_LOCALITIES'], 'a', 'ogr')
                    self.assertEqual(sorted((str(f['area_id']), str(f['locality'])) for f in areas.getFeatures()),
                                     sorted(tuple(line.split(',')) for line in read_lines(results['ASSIGNMENT'])[1:]))
                    self.assertTrue(results['REPORT'].endswith('report.html'))

    def test_evaluate_of_the_police_precincts_summarises_as_the_cli_and_loads_styled(self):
        """The demo's precincts as localities: summary.json as the CLI's with the same arguments (but for
        the run's time, command line and paths); police moves no case and splits no precinct (the CLI's
        own invariant); the layers load into the project with their styles."""
        import processing
        from qgis.core import QgsProject
        from locality_processing.provider import LocalityProvider
        demo = os.path.join(ROOT, 'data', 'demo')
        tracts, police = (os.path.join(demo, 'nyc_demo.gpkg') + '|layername=' + name for name in ('tract', 'police'))
        cases = [os.path.join(demo, 'nyc311_2018-06.csv'), os.path.join(demo, 'nyc311_2022-05-01.csv')]
        provider = LocalityProvider()
        QgsApplication.processingRegistry().addProvider(provider)
        try:
            with tempfile.TemporaryDirectory() as folder:
                cli_out = os.path.join(folder, 'cli')
                subprocess.run([EXECUTABLE, 'evaluate', '--areas', tracts, '--area-id', 'geoid', '--population',
                                'population', '--cases', cases[0], '--cases', cases[1], '--agency-field', 'Agency',
                                '--service-areas', 'police=' + police, '--service-agency', 'police=NYPD',
                                '--localities', police, '--min-population', '150000', '--output', cli_out,
                                '--quiet'], check=True)
                results = processing.runAndLoadResults('locality:evaluate', {
                    'AREAS': tracts, 'AREA_ID': 'geoid', 'POPULATION': 'population', 'CASES': cases,
                    'AGENCY_FIELD': 'Agency', 'SERVICE_AREAS': [police], 'SERVICE_AREA_NAMES': 'police',
                    'SERVICE_AGENCY': 'police=NYPD',
                    'GIVEN_LOCALITIES': police, 'MIN_POPULATION': 150000, 'OUTPUT': os.path.join(folder, 'plugin')})
                with open(results['SUMMARY'], encoding='utf-8') as handle:
                    summary = json.load(handle)
                with open(os.path.join(cli_out, 'summary.json'), encoding='utf-8') as handle:
                    expected = json.load(handle)
                self.assertEqual(summary['command'], 'evaluate')
                self.assertEqual(_without_run_details(summary), _without_run_details(expected))
                disruption = {row['service_layer']: row for row in summary['disruption']}
                self.assertEqual((disruption['police']['agency'], disruption['police']['cases_moved']), ('NYPD', 0))
                self.assertEqual(disruption['police']['localities_per_service_area']['max'], 1)
                loaded = {layer.source(): layer.renderer().type()
                          for layer in QgsProject.instance().mapLayers().values()}
                self.assertEqual(loaded.get(results['LOCALITIES']), 'categorizedSymbol')
                self.assertEqual(loaded.get(results['AREAS_BY_NEED']), 'graduatedSymbol')
                self.assertEqual(results['REPORT'], os.path.join(folder, 'plugin', 'report.html'))
                QgsProject.instance().clear()
        finally:
            QgsApplication.processingRegistry().removeProvider(provider)

    def test_evaluate_of_a_proposal_assignment_gives_it_back(self):
        """A proposal's assignment.csv (a table without geometry, fields picked from it) evaluated by the
        plugin: the same assignment, and the constraints the proposal met are met."""
        import processing
        from locality_processing.algorithm import EvaluateAlgorithm
        grid, points = os.path.join(FIXTURES, 'grid3x3.geojson'), os.path.join(FIXTURES, 'points3x3.csv')
        with tempfile.TemporaryDirectory() as folder:
            proposal = os.path.join(folder, 'proposal')
            subprocess.run([EXECUTABLE, 'propose', '--areas', grid, '--area-id', 'cell_id', '--population', 'pop',
                            '--cases', points, '--agency-field', 'agency', '--cases-crs', 'EPSG:32618', '--k', '3',
                            '--seed', '1', '--output', proposal, '--quiet'], check=True)
            table = QgsVectorLayer(os.path.join(proposal, 'assignment.csv'), 'assignment', 'ogr')
            self.assertTrue(table.isValid())
            algorithm = EvaluateAlgorithm()
            algorithm.initAlgorithm()
            results = processing.run(algorithm, {
                'AREAS': grid, 'AREA_ID': 'cell_id', 'POPULATION': 'pop', 'CASES': [points], 'AGENCY_FIELD': 'agency',
                'CASES_CRS': 'EPSG:32618', 'GIVEN_ASSIGNMENT': table, 'ASSIGNMENT_AREA_FIELD': 'area_id',
                'LOCALITY_FIELD': 'locality', 'STRICT': True, 'OUTPUT': os.path.join(folder, 'plugin')},
                context=QgsProcessingContext())
            self.assertEqual(read_lines(results['ASSIGNMENT']), read_lines(os.path.join(proposal, 'assignment.csv')))

    def test_compare_of_two_plans_writes_the_cli_comparison(self):
        """A proposal's areas layer and today's columns as plans: comparison.csv as the CLI writes it for
        the same plans and inputs."""
        import processing
        from locality_processing.algorithm import CompareAlgorithm
        grid, points = os.path.join(FIXTURES, 'grid3x3.geojson'), os.path.join(FIXTURES, 'points3x3.csv')
        columns = os.path.join(FIXTURES, 'grid3x3_columns_assignment.csv')
        with tempfile.TemporaryDirectory() as folder:
            proposal = os.path.join(folder, 'proposal')
            inputs = ['--areas', grid, '--area-id', 'cell_id', '--population', 'pop', '--cases', points,
                      '--agency-field', 'agency', '--cases-crs', 'EPSG:32618']
            subprocess.run([EXECUTABLE, 'propose'] + inputs + ['--k', '3', '--seed', '1', '--output', proposal,
                                                               '--quiet'], check=True)
            areas = os.path.join(proposal, 'localities.gpkg') + '|layername=areas'
            subprocess.run([EXECUTABLE, 'compare', 'proposal=' + areas, 'columns=' + columns] + inputs +
                           ['--output', os.path.join(folder, 'cli'), '--quiet'], check=True)
            algorithm = CompareAlgorithm()
            algorithm.initAlgorithm()
            results = processing.run(algorithm, {
                'PLANS': [areas, columns], 'PLAN_NAMES': 'proposal,columns', 'AREAS': grid, 'AREA_ID': 'cell_id',
                'POPULATION': 'pop', 'CASES': [points], 'AGENCY_FIELD': 'agency', 'CASES_CRS': 'EPSG:32618',
                'OUTPUT': os.path.join(folder, 'plugin')}, context=QgsProcessingContext())
            self.assertEqual(read_lines(results['COMPARISON']),
                             read_lines(os.path.join(folder, 'cli', 'comparison.csv')))
            self.assertEqual(len(read_lines(results['COMPARISON'])), 3)

    def test_evaluate_without_localities_gives_the_cli_message(self):
        """Neither an assignment nor polygons: the CLI's usage message (exit 2) as the Processing error."""
        import processing
        from locality_processing.algorithm import EvaluateAlgorithm
        grid, points = os.path.join(FIXTURES, 'grid3x3.geojson'), os.path.join(FIXTURES, 'points3x3.csv')
        with tempfile.TemporaryDirectory() as folder:
            completed = subprocess.run([EXECUTABLE, 'evaluate', '--areas', grid, '--area-id', 'cell_id', '--cases',
                                        'police=' + points, '--output', os.path.join(folder, 'cli')],
                                       stderr=subprocess.PIPE, universal_newlines=True)
            self.assertEqual(completed.returncode, 2)
            expected = completed.stderr.strip().splitlines()[-1][len('locality: error: '):]
            self.assertIn('--localities', expected)
            algorithm = EvaluateAlgorithm()
            algorithm.initAlgorithm()
            with self.assertRaises(QgsProcessingException) as raised:
                processing.run(algorithm, {'AREAS': grid, 'AREA_ID': 'cell_id', 'CASES': [points],
                                           'CASE_AGENCIES': 'police', 'OUTPUT': os.path.join(folder, 'o')},
                               context=QgsProcessingContext())
            self.assertEqual(str(raised.exception), expected)

    def test_help_is_the_cli_help_as_html(self):
        text = ProposeAlgorithm().shortHelpString()
        self.assertIn('cases_&lt;agency&gt;', text)
        self.assertIn('Overlay cases on small areas', text)

    def cli_error(self, *arguments):
        """The CLI's own one-line message for `arguments` (after 'locality: error: ')."""
        completed = subprocess.run([EXECUTABLE] + list(arguments), stderr=subprocess.PIPE,
                                   universal_newlines=True)
        self.assertEqual(completed.returncode, 1)
        line = completed.stderr.strip().splitlines()[-1]
        self.assertTrue(line.startswith('locality: error: '), line)
        return line[len('locality: error: '):]

    def test_a_text_field_as_population_gives_the_cli_message(self):
        with tempfile.TemporaryDirectory() as folder:
            expected = self.cli_error('propose', '--areas', os.path.join(FIXTURES, 'grid3x3.geojson'),
                                      '--area-id', 'cell_id', '--population', 'cell_id', '--cases',
                                      os.path.join(FIXTURES, 'points3x3.csv'), '--agency-field', 'agency',
                                      '--k', '3', '--output', os.path.join(folder, 'cli'))
            self.assertIn("'cell_id'", expected)
            with self.assertRaises(QgsProcessingException) as raised:
                self.run_propose([os.path.join(FIXTURES, 'points3x3.csv')], os.path.join(folder, 'o'),
                                 POPULATION='cell_id')
            self.assertEqual(str(raised.exception), expected)
            self.assertFalse(os.path.exists(os.path.join(folder, 'o', 'assignment.csv')))

    def test_a_missing_layer_gives_the_cli_message(self):
        with tempfile.TemporaryDirectory() as folder:
            missing = os.path.join(folder, 'missing_cases.csv')
            expected = self.cli_error('propose', '--areas', os.path.join(FIXTURES, 'grid3x3.geojson'),
                                      '--area-id', 'cell_id', '--cases', missing, '--agency-field', 'agency',
                                      '--k', '3', '--output', os.path.join(folder, 'cli'))
            self.assertIn(missing, expected)
            with self.assertRaises(QgsProcessingException) as raised:
                self.run_propose([missing], os.path.join(folder, 'o'), POPULATION=None)
            self.assertEqual(str(raised.exception), expected)

    def test_a_cancelled_run_leaves_no_output(self):
        """The demo, cancelled at its first progress line: the folder holds nothing afterwards."""
        import processing
        with tempfile.TemporaryDirectory() as folder:
            out = os.path.join(folder, 'out')
            feedback = RecordingFeedback()
            feedback.progressChanged.connect(lambda _value: feedback.cancel())
            algorithm = ProposeAlgorithm()
            algorithm.initAlgorithm()
            with self.assertRaises(QgsProcessingException) as raised:
                processing.run(algorithm, {
                    'AREAS': os.path.join(ROOT, 'data', 'demo', 'nyc_demo.gpkg') + '|layername=tract',
                    'AREA_ID': 'geoid', 'POPULATION': 'population',
                    'CASES': [os.path.join(ROOT, 'data', 'demo', 'nyc311_2018-06.csv')], 'AGENCY_FIELD': 'Agency',
                    'MIN_POPULATION': 150000, 'OUTPUT': out}, feedback=feedback, context=QgsProcessingContext())
            self.assertEqual(os.listdir(out) if os.path.isdir(out) else [], [])
            # One line, not a Python traceback.
            self.assertEqual(str(raised.exception), 'locality was cancelled; nothing of the run was written')


class Packaging(unittest.TestCase):
    def test_results_load_with_the_style_they_ship_with(self):
        """The post-processor applies the GeoPackage's default style to a layer loaded without it."""
        with tempfile.TemporaryDirectory() as folder:
            subprocess.run([EXECUTABLE, 'propose', '--areas', os.path.join(FIXTURES, 'grid3x3.geojson'),
                            '--area-id', 'cell_id', '--cases', 'police=' + os.path.join(FIXTURES, 'points3x3.csv'),
                            '--cases-crs', 'EPSG:32618', '--k', '2', '--output', folder, '--quiet'], check=True)
            options = QgsVectorLayer.LayerOptions()
            options.loadDefaultStyle = False
            layer = QgsVectorLayer(os.path.join(folder, 'localities.gpkg') + '|layername=localities', 'l', 'ogr',
                                   options)
            self.assertNotEqual(layer.renderer().type(), 'categorizedSymbol')
            _LoadDefaultStyle().postProcessLayer(layer, QgsProcessingContext(), QgsProcessingFeedback())
            self.assertEqual(layer.renderer().type(), 'categorizedSymbol')

    def test_the_zip_holds_the_plugin_folder(self):
        """build/qgis/locality_processing.zip: every source file under locality_processing/, nothing else."""
        plugin_dir = os.environ.get('LOCALITY_PLUGIN_DIR')
        if not plugin_dir:
            self.skipTest('LOCALITY_PLUGIN_DIR not set (ctest sets it)')
        source = os.path.join(ROOT, 'qgis', 'locality_processing')
        expected = sorted('locality_processing/' + name for name in os.listdir(source)
                          if name.endswith('.py') or name == 'metadata.txt')
        with zipfile.ZipFile(plugin_dir + '.zip') as archive:
            names = sorted(name for name in archive.namelist() if not name.endswith('/'))
            self.assertEqual(names, expected)
            metadata = archive.read('locality_processing/metadata.txt').decode('utf-8')
        for key in ('name=', 'qgisMinimumVersion=3.22', 'description=', 'version=', 'author=',
                    'hasProcessingProvider=yes'):
            self.assertIn(key, metadata)


if __name__ == '__main__':
    result = unittest.main(exit=False, verbosity=2).result
    from qgis.core import QgsProcessingUtils
    shutil.rmtree(QgsProcessingUtils.tempFolder(), ignore_errors=True)
    shutil.rmtree(PROFILE, ignore_errors=True)
    os._exit(0 if result.wasSuccessful() else 1)  # QGIS's teardown can crash at exit
