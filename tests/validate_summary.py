# SPDX-License-Identifier: MIT
"""Validates summary.json files against docs/schema/summary.schema.json (JSON Schema 2020-12).

usage: python3 validate_summary.py SCHEMA SUMMARY.json...
Exit 0 valid, 1 invalid, 77 (skipped) when python3-jsonschema is not installed. A copy of each file
with a count turned into text must be rejected, so the check cannot pass vacuously.
"""
import copy
import json
import sys

from json_schema_check import check, load_validator

validator = load_validator(sys.argv[1])
failed = False
for path in sys.argv[2:]:
    summary = json.load(open(path, encoding="utf-8"))
    broken = copy.deepcopy(summary)
    broken["areas"]["count"] = "many"
    failed = not check(validator, path, summary, broken, "a malformed copy") or failed
sys.exit(1 if failed else 0)
