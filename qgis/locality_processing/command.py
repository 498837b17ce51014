# SPDX-License-Identifier: MIT
"""The form's values as a locality command line (no QGIS objects here, so it is tested on its own)."""

import re
import unicodedata

from . import options as o


class FormError(Exception):
    """A value the command line cannot express; the message names the parameter and what to do."""


def number_text(value):
    """A number as the CLI reads it: whole numbers without a decimal point."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def tag_for(layer_name):
    """A layer name as a CLI tag (agency or service-area name): ASCII letters, digits, '_', '-', '.'.
    Accents are dropped rather than the letters that carry them ('Précincts' is 'Precincts', not
    'Pr_cincts')."""
    ascii_name = unicodedata.normalize('NFKD', layer_name).encode('ascii', 'ignore').decode('ascii')
    tag = re.sub(r'[^A-Za-z0-9_.-]+', '_', ascii_name.strip()).strip('_') or 'layer'
    return '_' + tag if tag[0].isdigit() else tag


def tagged_sources(option, layers, names_text, untagged):
    """[NAME=]SOURCE texts of a repeatable layer option.

    `layers` lists (layer name, GDAL source); `names_text` the comma-separated names typed in the
    form (may be empty: the layer names are used); `untagged`: pass the sources without a name (cases
    whose agency comes from a field).
    """
    names = [name.strip() for name in names_text.split(',')] if names_text and names_text.strip() else []
    if names and len(names) != len(layers):
        raise FormError('{}: {} name(s) for {} layer(s); give one name per layer, in layer order, or none'.format(
            option.get('names'), len(names), len(layers)))
    for name in names:
        if tag_for(name) != name:
            raise FormError("{}: '{}' is not a valid name; use letters, digits, '_', '-' or '.', not starting "
                            "with a digit".format(option.get('names'), name))
    texts = []
    for index, (layer_name, source) in enumerate(layers):
        if names:
            texts.append(names[index] + '=' + source)
        elif untagged:
            texts.append(source)
        else:
            texts.append(tag_for(layer_name) + '=' + source)
    return texts


def plan_arguments(option, layers, names_text):
    """compare's positional NAME=SOURCE plans; layer names that repeat (three 'areas' layers) get _2, _3."""
    texts = tagged_sources(option, layers, names_text, False)
    if names_text.strip():
        return texts  # typed names: a repeat is the analyst's, and the CLI names it
    seen = {}
    unique = []
    for text in texts:
        name, source = text.split('=', 1)
        seen[name] = seen.get(name, 0) + 1
        unique.append('{}_{}={}'.format(name, seen[name], source) if seen[name] > 1 else text)
    return unique


def constraint_arguments(cells):
    """--min / --max arguments from the matrix's flat list of cells (field, minimum, maximum per row)."""
    cells = ['' if cell is None else str(cell).strip() for cell in (cells or [])]
    if not any(cells):
        return []
    if len(cells) % 3 != 0:
        raise FormError('CONSTRAINTS: {} cell(s); each row has a field, a minimum and a maximum'.format(len(cells)))
    arguments = []
    for row in range(0, len(cells), 3):
        field, minimum, maximum = cells[row:row + 3]
        if not field and not minimum and not maximum:
            continue
        if not field or (not minimum and not maximum):
            raise FormError('CONSTRAINTS row {}: give a field and a minimum or a maximum'.format(row // 3 + 1))
        if minimum:
            arguments += ['--min', field + '=' + minimum]
        if maximum:
            arguments += ['--max', field + '=' + maximum]
    return arguments


def _is_empty(value):
    return value is None or (isinstance(value, (str, list, tuple)) and len(value) == 0)


def frontier_argument(value, weights):
    """--frontier's value: 'shape' or an agency, then '=' and the weights when some are given."""
    what = str(value).strip()
    weights = ','.join(part.strip() for part in str(weights or '').split(',') if part.strip())
    if not weights:
        return what
    if '=' in what:
        raise FormError("FRONTIER: '{}' holds weights already; give them in FRONTIER_WEIGHTS only".format(what))
    return what + '=' + weights


def build_arguments(form, values):
    """The arguments after the executable for the form `form` (a command, or 'frontier') and its `values`
    (name -> value).

    Layers are already GDAL sources: LAYER a text, LAYERS a list of (layer name, source); ENUM is
    the chosen index; CONSTRAINTS the matrix's flat list; empty optional values are left out.
    """
    arguments = [o.cli_command(form)]
    for option in o.COMMAND_OPTIONS[form]:
        if option.kind == o.PLANS:
            arguments += plan_arguments(option, values.get(option.name) or [], values.get(option.get('names')) or '')
            continue
        value = values.get(option.name)
        if option.kind == o.CONSTRAINTS:
            arguments += constraint_arguments(value)
            continue
        if option.flag is None or _is_empty(value):
            continue
        if option.kind == o.FLAG:
            if value:
                arguments.append(option.flag)
        elif option.kind == o.LAYERS:
            untagged = not option.get('tag_required') and not _is_empty(values.get('AGENCY_FIELD'))
            for text in tagged_sources(option, value, values.get(option.get('names')) or '', untagged):
                arguments += [option.flag, text]
        elif option.kind == o.FIELDS:
            arguments += [option.flag, ','.join(value)]
        elif option.kind == o.ENUM:
            arguments += [option.flag, option.get('choices')[int(value)]]
        elif option.kind in (o.NUMBER, o.INTEGER):
            arguments += [option.flag, number_text(value)]
        elif option.get('weights'):
            arguments += [option.flag, frontier_argument(value, values.get(option.get('weights')))]
        elif option.get('repeat_comma'):
            for part in str(value).split(','):
                if part.strip():
                    arguments += [option.flag, part.strip()]
        else:
            arguments += [option.flag, str(value)]
    return arguments
