# SPDX-License-Identifier: MIT
"""The algorithms' parameters: one table per command, each entry a Processing parameter and its CLI option.

The table is the single place that maps the form to the command line (command.py) and back to the
help text (cli_help.py reads each option's description from `locality <command> --help`).
"""

from qgis.core import (QgsProcessing, QgsProcessingParameterBoolean, QgsProcessingParameterCrs,
                       QgsProcessingParameterDefinition, QgsProcessingParameterEnum,
                       QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterField, QgsProcessingParameterFile,
                       QgsProcessingParameterFolderDestination,
                       QgsProcessingParameterMatrix, QgsProcessingParameterMultipleLayers,
                       QgsProcessingParameterNumber, QgsProcessingParameterString)

# Kinds of option, each mapped to the command line by command.py.
LAYER = 'layer'          # one vector layer (or its selected features) -> its GDAL source
LAYERS = 'layers'        # repeatable sources, each optionally NAME=SOURCE
FIELD = 'field'          # one field name
FIELDS = 'fields'        # field names, comma-separated
NUMBER = 'number'        # a double
INTEGER = 'integer'
ENUM = 'enum'            # one word of `choices`
FLAG = 'flag'            # a boolean flag
CRS = 'crs'              # a CRS, passed as its authority id or WKT
TEXT = 'text'
FILE = 'file'            # an input file (not a layer), passed as its path
CONSTRAINTS = 'constraints'  # a matrix field | minimum | maximum -> --min / --max
NAMES = 'names'          # comma-separated names for a LAYERS option (no option of its own)
FOLDER = 'folder'        # the output folder
PLANS = 'plans'          # layers given as the command's positional arguments, each NAME=SOURCE


class Option:
    """A Processing parameter and the CLI option it becomes (`flag` None: read by another option)."""

    def __init__(self, name, flag, kind, label, optional=False, advanced=False, default=None, **extra):
        self.name = name
        self.flag = flag
        self.kind = kind
        self.label = label
        self.optional = optional
        self.advanced = advanced
        self.default = default
        self.extra = extra

    def get(self, key, fallback=None):
        return self.extra.get(key, fallback)


POLYGON = [QgsProcessing.TypeVectorPolygon]
# Cases: point layers, and tables such as a CSV file with coordinate columns read by the CLI itself.
CASES_TYPES = [QgsProcessing.TypeVector]

AREAS = Option('AREAS', '--areas', LAYER, 'Small areas (polygons)', types=POLYGON)
AREA_ID = Option('AREA_ID', '--area-id', FIELD, 'Area id field (unique)', parent='AREAS')
POPULATION = Option('POPULATION', '--population', FIELD, 'Population field', optional=True, parent='AREAS',
                    numeric=True)
AREAS_CRS = Option('AREAS_CRS', '--areas-crs', CRS, 'CRS of the areas when the layer declares none',
                   optional=True, advanced=True)
CASES = Option('CASES', '--cases', LAYERS, 'Case points (one or more layers or CSV files)', types=CASES_TYPES,
               names='CASE_AGENCIES', tag_required=False)
CASE_AGENCIES = Option('CASE_AGENCIES', None, NAMES,
                       'Agency of each case layer, comma-separated in layer order (default: the layer names; '
                       'not used with an agency field)', optional=True)
AGENCY_FIELD = Option('AGENCY_FIELD', '--agency-field', TEXT, 'Agency field of the cases', optional=True)
AGENCY_NAMES = Option('AGENCY_NAMES', '--agency-names', FILE,
                      'Full names of the agencies for the report (CSV with the columns agency,name)', optional=True,
                      extension='csv')
CASES_CRS = Option('CASES_CRS', '--cases-crs', CRS,
                   'CRS of the case points: of CSV coordinates (default EPSG:4326); for a layer of points it '
                   'overrides the CRS the layer declares', optional=True, advanced=True)
X_FIELD = Option('X_FIELD', '--x-field', TEXT, 'CSV column of the x / longitude', optional=True, advanced=True)
Y_FIELD = Option('Y_FIELD', '--y-field', TEXT, 'CSV column of the y / latitude', optional=True, advanced=True)
SERVICE_AREAS = Option('SERVICE_AREAS', '--service-areas', LAYERS, 'Existing service areas (polygon layers)',
                       optional=True, types=POLYGON, names='SERVICE_AREA_NAMES', tag_required=True)
SERVICE_AREA_NAMES = Option('SERVICE_AREA_NAMES', None, NAMES,
                            'Name of each service-area layer, comma-separated in layer order (default: the '
                            'layer names)', optional=True)
SERVICE_AREA_ID = Option('SERVICE_AREA_ID', '--service-area-id', TEXT,
                         'Service-area id fields, comma-separated NAME=FIELD (default: detected)', optional=True,
                         advanced=True, repeat_comma=True)
TOLERANCE = Option('TOLERANCE', '--tolerance', NUMBER, 'Neighbour tolerance (metres)', default=1.0, minimum=0.0,
                   maximum=10000.0)
K = Option('K', '--k', INTEGER, 'Number of localities (empty: as many as the floors allow)', optional=True,
           minimum=1, maximum=1000000)
MIN_POPULATION = Option('MIN_POPULATION', '--min-population', INTEGER, 'Minimum population of a locality',
                        optional=True, minimum=0)
CONSTRAINTS_OPTION = Option('CONSTRAINTS', None, CONSTRAINTS,
                            'Floors and ceilings on sums per locality (field, minimum, maximum)', optional=True)
BALANCE = Option('BALANCE', '--balance', NUMBER, 'Balance within this % of the mean (needs a number of '
                 'localities)', optional=True, minimum=0.0, maximum=99.999)
BALANCE_FIELD = Option('BALANCE_FIELD', '--balance-field', TEXT, 'Field that the balance balances', optional=True,
                       advanced=True)
WITHIN = Option('WITHIN', '--within', LAYER, 'Containers: no locality crosses their boundaries', optional=True,
                types=POLYGON)
WITHIN_ID = Option('WITHIN_ID', '--within-id', FIELD, 'Container id field', optional=True, parent='WITHIN',
                   advanced=True)
ISLANDS = Option('ISLANDS', '--islands', ENUM, 'Separate landmasses', default=0, choices=['bridge', 'own', 'error'])
METHOD = Option('METHOD', '--method', TEXT, 'Clustering method', default='auto', advanced=True)
STARTS = Option('STARTS', '--starts', INTEGER, 'Independent starts (empty: by problem size)', optional=True,
                advanced=True, minimum=1, maximum=100000)
SEED = Option('SEED', '--seed', INTEGER, 'Seed (same inputs and seed, same output)', default=0, minimum=0)
COMPACTNESS = Option('COMPACTNESS', '--compactness', NUMBER, 'Compactness weight', optional=True, advanced=True,
                     minimum=0.0, maximum=1e6)
ATTRIBUTES = Option('ATTRIBUTES', '--attributes', FIELDS, 'Cluster on these numeric area fields instead of the '
                    'need profile', optional=True, parent='AREAS', numeric=True)
ATTRIBUTES_REQUIRED = Option('ATTRIBUTES', '--attributes', FIELDS, 'Numeric area fields to cluster on',
                             parent='AREAS', numeric=True)
SMOOTH = Option('SMOOTH', '--smooth', ENUM, 'Smoothing of the per-agency rates', default=0, choices=['none', 'eb'])
SUPPRESS_BELOW = Option('SUPPRESS_BELOW', '--suppress-below', INTEGER, 'Withhold counts below (0: publish all)',
                        default=5, minimum=0, maximum=1000000)
AREA_COUNTS = Option('AREA_COUNTS', '--area-counts', FLAG, 'Also publish per-area counts', default=False)
RELEASED = Option('RELEASED', '--released', FILE,
                  'Output folder of an earlier run over the same cases, already handed over (protected together)',
                  optional=True, advanced=True, folder=True)
THREADS = Option('THREADS', '--threads', INTEGER, 'Worker threads (empty: all cores)', optional=True,
                 advanced=True, minimum=1, maximum=1024)
MAX_MEMORY = Option('MAX_MEMORY', '--max-memory', TEXT, 'Memory budget, e.g. 500M or 2G', optional=True,
                    advanced=True)
GIVEN_ASSIGNMENT = Option('GIVEN_ASSIGNMENT', '--assignment', LAYER,
                          'Localities to evaluate as a table of area id and locality (e.g. an edited areas '
                          'layer of localities.gpkg)', optional=True, types=[QgsProcessing.TypeVector])
ASSIGNMENT_AREA_FIELD = Option('ASSIGNMENT_AREA_FIELD', '--assignment-area-field', FIELD,
                               'Area id field of the assignment (default: area_id)', optional=True,
                               parent='GIVEN_ASSIGNMENT')
LOCALITY_FIELD = Option('LOCALITY_FIELD', '--locality-field', FIELD,
                        'Locality field of the assignment (default: locality)', optional=True,
                        parent='GIVEN_ASSIGNMENT')
GIVEN_LOCALITIES = Option('GIVEN_LOCALITIES', '--localities', LAYER,
                          'Localities to evaluate as polygons (instead of an assignment)', optional=True,
                          types=POLYGON)
LOCALITY_ID = Option('LOCALITY_ID', '--locality-id', FIELD, 'Id field of the locality polygons (default: detected)',
                     optional=True, parent='GIVEN_LOCALITIES')
STRICT = Option('STRICT', '--strict', FLAG, 'Fail when a locality breaks a constraint or an area is left out',
                default=False)
SERVICE_AGENCY = Option('SERVICE_AGENCY', '--service-agency', TEXT,
                        "Agency of each service-area layer's teams, comma-separated LAYER=AGENCY (default: the "
                        "agency of the layer's name)", optional=True, repeat_comma=True)
SHAPE_WEIGHT = Option('SHAPE_WEIGHT', '--shape-weight', NUMBER,
                      'Weight of round shapes against need captured (empty: the command\'s default)', optional=True,
                      advanced=True, minimum=0.0, maximum=1e6)
KEEP_CLOSE_TO = Option('KEEP_CLOSE_TO', '--keep-close-to', TEXT,
                       "Keep these agencies' cases with their teams, comma-separated AGENCY[=WEIGHT] (default "
                       "weight 1; needs the agency's service areas)", optional=True, advanced=True,
                       repeat_comma=True)
FRONTIER = Option('FRONTIER', '--frontier', TEXT,
                  "What to trade against need explained: 'shape' (the shape weight) or an agency (its keep-close "
                  "weight)", default='shape', weights='FRONTIER_WEIGHTS')
FRONTIER_WEIGHTS = Option('FRONTIER_WEIGHTS', None, TEXT,
                          'Weights to sweep, comma-separated and increasing, at most three decimals each (empty: '
                          'the default grid of shape or of an agency)', optional=True)
CONFIDENCE = Option('CONFIDENCE', '--confidence', INTEGER,
                    'Boundary confidence from this many more seeded runs (empty: none)', optional=True, minimum=1,
                    maximum=1000)
FIXED = Option('FIXED', '--fixed', LAYER, 'Areas pinned to a locality: a table of area id and locality',
               optional=True, advanced=True, types=[QgsProcessing.TypeVector])
FIXED_LOCALITIES = Option('FIXED_LOCALITIES', '--fixed-localities', LAYER,
                          'Areas pinned by polygons (each area more than half inside one)', optional=True,
                          advanced=True, types=POLYGON)
FIXED_FIELD = Option('FIXED_FIELD', '--fixed-field', TEXT, 'Locality field of the pins (or the polygons\' id)',
                     optional=True, advanced=True)
START_FROM = Option('START_FROM', '--start-from', LAYER,
                    'Maintenance: start from these localities (a table of area id and locality)', optional=True,
                    advanced=True, types=[QgsProcessing.TypeVector])
START_FROM_LOCALITIES = Option('START_FROM_LOCALITIES', '--start-from-localities', LAYER,
                               'Maintenance: start from these polygons', optional=True, advanced=True, types=POLYGON)
START_FROM_FIELD = Option('START_FROM_FIELD', '--start-from-field', TEXT,
                          'Locality field of the start (or the polygons\' id)', optional=True, advanced=True)
MOVE_COST = Option('MOVE_COST', '--move-cost', NUMBER, 'Maintenance: least gain of a move made to improve',
                   optional=True, advanced=True, minimum=0.0, maximum=1.0)
MAX_MOVED = Option('MAX_MOVED', '--max-moved', TEXT, 'Maintenance: at most N areas (or PCT%) move', optional=True,
                   advanced=True)
PLANS_OPTION = Option('PLANS', None, PLANS,
                      'Plans to compare, two or more: assignment tables (e.g. the areas layer of each '
                      'localities.gpkg) or boundary polygons', types=[QgsProcessing.TypeVector], names='PLAN_NAMES')
PLAN_NAMES = Option('PLAN_NAMES', None, NAMES,
                    'Name of each plan, comma-separated in layer order (default: the layer names)', optional=True)
PLAN_LOCALITY_ID = Option('PLAN_LOCALITY_ID', '--locality-id', TEXT,
                          'Id field of the boundary-layer plans (default: detected)', optional=True, advanced=True)
OVERWRITE = Option('OVERWRITE', '--overwrite', FLAG, 'Replace existing outputs in the folder', default=True)
OUTPUT = Option('OUTPUT', '--output', FOLDER, 'Output folder')

# compare's assignment fields name a field of every plan, not of one parent layer.
ASSIGNMENT_AREA_FIELD_TEXT = Option('ASSIGNMENT_AREA_FIELD', '--assignment-area-field', TEXT,
                                    'Area id field of the assignment plans (default: area_id)', optional=True,
                                    advanced=True)
LOCALITY_FIELD_TEXT = Option('LOCALITY_FIELD', '--locality-field', TEXT,
                             'Locality field of the assignment plans (default: locality)', optional=True,
                             advanced=True)

_INPUTS = [AREAS, AREA_ID, POPULATION, AREAS_CRS, CASES, CASE_AGENCIES, AGENCY_FIELD, AGENCY_NAMES, CASES_CRS,
           X_FIELD, Y_FIELD, SERVICE_AREAS, SERVICE_AREA_NAMES, SERVICE_AREA_ID, TOLERANCE]
_BOUNDS = [MIN_POPULATION, CONSTRAINTS_OPTION]
# Pins and maintenance (docs/cli/propose.md, keeping what was agreed).
_KEEP = [FIXED, FIXED_LOCALITIES, FIXED_FIELD, START_FROM, START_FROM_LOCALITIES, START_FROM_FIELD, MOVE_COST,
         MAX_MOVED]
_CLUSTER = ([K] + _BOUNDS + [BALANCE, BALANCE_FIELD, WITHIN, WITHIN_ID, ISLANDS, METHOD, STARTS, SEED, COMPACTNESS,
                             SHAPE_WEIGHT, CONFIDENCE] + _KEEP)
# The localities evaluate scores: one of an assignment table or polygons (the CLI refuses neither or both).
_GIVEN = [GIVEN_ASSIGNMENT, ASSIGNMENT_AREA_FIELD, LOCALITY_FIELD, GIVEN_LOCALITIES, LOCALITY_ID]
_PUBLICATION = [SUPPRESS_BELOW, AREA_COUNTS, RELEASED]
_RUN = [THREADS, MAX_MEMORY, OVERWRITE, OUTPUT]

# The trade-off frontier (docs/cli/propose.md): propose's options but those a sweep refuses (confidence,
# maintenance). Per-area counts are one area_counts.csv for every point (decision 0042).
_FRONTIER = (_INPUTS + [SERVICE_AGENCY, KEEP_CLOSE_TO, FRONTIER, FRONTIER_WEIGHTS, K] + _BOUNDS
             + [BALANCE, BALANCE_FIELD, WITHIN, WITHIN_ID, ISLANDS, METHOD, STARTS, SEED, COMPACTNESS, SHAPE_WEIGHT,
                FIXED, FIXED_LOCALITIES, FIXED_FIELD, ATTRIBUTES, SMOOTH, SUPPRESS_BELOW, AREA_COUNTS, RELEASED]
             + _RUN)

COMMAND_OPTIONS = {
    'propose': _INPUTS + [SERVICE_AGENCY, KEEP_CLOSE_TO] + _CLUSTER + [ATTRIBUTES, SMOOTH] + _PUBLICATION + _RUN,
    'overlay': _INPUTS + [SUPPRESS_BELOW] + _RUN,
    'regionalize': [AREAS, AREA_ID, POPULATION, AREAS_CRS, TOLERANCE] + _CLUSTER + [ATTRIBUTES_REQUIRED] + _RUN,
    'evaluate': _INPUTS + [SERVICE_AGENCY] + _GIVEN + _BOUNDS + [STRICT] + _PUBLICATION + _RUN,
    'compare': ([PLANS_OPTION, PLAN_NAMES] + _INPUTS
                + [SERVICE_AGENCY, ASSIGNMENT_AREA_FIELD_TEXT, LOCALITY_FIELD_TEXT, PLAN_LOCALITY_ID]
                + _BOUNDS + [SUPPRESS_BELOW] + _RUN),
    'frontier': _FRONTIER,
}

# The CLI command of each form whose name is not one ('frontier' runs `locality propose --frontier`).
CLI_COMMAND = {'frontier': 'propose'}


def cli_command(form):
    """The `locality` command a form runs."""
    return CLI_COMMAND.get(form, form)


def make_parameter(option):
    """The Processing parameter of `option`."""
    kind = option.kind
    if kind == LAYER:
        # A feature source, so the form offers "Selected features only" (the selection then goes to the
        # CLI as a temporary copy, layer_export.py).
        parameter = QgsProcessingParameterFeatureSource(option.name, option.label, option.get('types'),
                                                        optional=option.optional)
    elif kind in (LAYERS, PLANS):
        parameter = QgsProcessingParameterMultipleLayers(option.name, option.label, option.get('types')[0],
                                                         optional=option.optional)
    elif kind in (FIELD, FIELDS):
        data_type = (QgsProcessingParameterField.Numeric if option.get('numeric')
                     else QgsProcessingParameterField.Any)
        parameter = QgsProcessingParameterField(option.name, option.label, None, option.get('parent'), data_type,
                                                allowMultiple=kind == FIELDS, optional=option.optional)
    elif kind in (NUMBER, INTEGER):
        number_type = QgsProcessingParameterNumber.Double if kind == NUMBER else QgsProcessingParameterNumber.Integer
        parameter = QgsProcessingParameterNumber(option.name, option.label, number_type, option.default,
                                                 option.optional)
        if option.get('minimum') is not None:
            parameter.setMinimum(option.get('minimum'))
        if option.get('maximum') is not None:
            parameter.setMaximum(option.get('maximum'))
    elif kind == ENUM:
        parameter = QgsProcessingParameterEnum(option.name, option.label, option.get('choices'), False,
                                               option.default, option.optional)
    elif kind == FLAG:
        parameter = QgsProcessingParameterBoolean(option.name, option.label, option.default, option.optional)
    elif kind == CRS:
        parameter = QgsProcessingParameterCrs(option.name, option.label, option.default, option.optional)
    elif kind in (TEXT, NAMES):
        parameter = QgsProcessingParameterString(option.name, option.label, option.default, False, option.optional)
    elif kind == FILE:
        behavior = QgsProcessingParameterFile.Folder if option.get('folder') else QgsProcessingParameterFile.File
        parameter = QgsProcessingParameterFile(option.name, option.label, behavior,
                                               option.get('extension', ''), option.default, option.optional)
    elif kind == CONSTRAINTS:
        parameter = QgsProcessingParameterMatrix(option.name, option.label, 1, False, ['field', 'minimum', 'maximum'],
                                                 None, option.optional)
    elif kind == FOLDER:
        parameter = QgsProcessingParameterFolderDestination(option.name, option.label)
    else:
        raise ValueError('unknown option kind ' + kind)
    if option.advanced:
        parameter.setFlags(parameter.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
    return parameter
