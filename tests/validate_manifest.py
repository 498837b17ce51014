# SPDX-License-Identifier: MIT
"""Validates counts-package manifests against docs/schema/share-manifest.schema.json (JSON Schema 2020-12).

usage: python3 validate_manifest.py SCHEMA FOLDER...   (every */manifest.json under each FOLDER)
Exit 0 valid, 1 invalid or none found, 77 (skipped) when python3-jsonschema is not installed. A copy of
each manifest with one more key must be rejected: a package holds the documented keys and nothing else.
"""
import copy
import glob
import json
import os
import sys

try:
    import jsonschema
except ImportError:
    print("python3-jsonschema is not installed: skipped")
    sys.exit(77)

schema = json.load(open(sys.argv[1], encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
paths = sorted(p for folder in sys.argv[2:] for p in glob.glob(os.path.join(folder, "*", "manifest.json")))
failed = not paths
if not paths:
    print("no manifest.json found")
for path in paths:
    manifest = json.load(open(path, encoding="utf-8"))
    errors = list(validator.iter_errors(manifest))
    for error in errors[:20]:
        print(f"{path}: {'/'.join(map(str, error.path))}: {error.message}")
    failed = failed or bool(errors)
    extra = copy.deepcopy(manifest)
    extra["totals"]["cases"] = 1
    if validator.is_valid(extra):
        print(f"{path}: the schema accepts a manifest with an undocumented key")
        failed = True
    print(f"{path}: {'INVALID' if errors else 'valid'}")
sys.exit(1 if failed else 0)
