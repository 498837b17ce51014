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

from json_schema_check import check, load_validator

validator = load_validator(sys.argv[1])
paths = sorted(p for folder in sys.argv[2:] for p in glob.glob(os.path.join(folder, "*", "manifest.json")))
failed = not paths
if not paths:
    print("no manifest.json found")
for path in paths:
    manifest = json.load(open(path, encoding="utf-8"))
    extra = copy.deepcopy(manifest)
    extra["totals"]["cases"] = 1
    failed = not check(validator, path, manifest, extra, "a manifest with an undocumented key") or failed
sys.exit(1 if failed else 0)
