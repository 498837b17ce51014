# SPDX-License-Identifier: MIT
"""Validates summary.json files against docs/schema/summary.schema.json (JSON Schema 2020-12).

usage: python3 validate_summary.py SCHEMA SUMMARY.json...
Exit 0 valid, 1 invalid, 77 (skipped) when python3-jsonschema is not installed. A copy of each file
with a count turned into text must be rejected, so the check cannot pass vacuously.
"""
import copy
import json
import sys

try:
    import jsonschema
except ImportError:
    print("python3-jsonschema is not installed: skipped")
    sys.exit(77)

schema = json.load(open(sys.argv[1], encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
failed = False
for path in sys.argv[2:]:
    summary = json.load(open(path, encoding="utf-8"))
    errors = sorted(validator.iter_errors(summary), key=lambda e: list(e.path))
    for error in errors[:20]:
        print(f"{path}: {'/'.join(map(str, error.path))}: {error.message}")
    failed = failed or bool(errors)
    broken = copy.deepcopy(summary)
    broken["areas"]["count"] = "many"
    if validator.is_valid(broken):
        print(f"{path}: the schema accepts a malformed copy")
        failed = True
    print(f"{path}: {'INVALID' if errors else 'valid'}")
sys.exit(1 if failed else 0)
