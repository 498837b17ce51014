# SPDX-License-Identifier: MIT
"""What validate_summary.py and validate_manifest.py share: the validator of a JSON Schema 2020-12
file (exit 77, skipped, without python3-jsonschema), and the check of one document together with a
broken copy the schema must reject, so that no check passes vacuously."""
import json
import sys


def load_validator(schema_path):
    try:
        import jsonschema
    except ImportError:
        print("python3-jsonschema is not installed: skipped")
        sys.exit(77)
    with open(schema_path, encoding="utf-8") as handle:
        schema = json.load(handle)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def check(validator, path, document, broken, broken_what):
    """Prints the document's errors and whether `broken` was rejected; True when both are right."""
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    for error in errors[:20]:
        print(f"{path}: {'/'.join(map(str, error.path))}: {error.message}")
    ok = not errors
    if validator.is_valid(broken):
        print(f"{path}: the schema accepts {broken_what}")
        ok = False
    print(f"{path}: {'INVALID' if errors else 'valid'}")
    return ok
