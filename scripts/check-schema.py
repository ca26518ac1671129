#!/usr/bin/python3
"""Checks scenarios/schema.json against the files it describes.

1. Every shipped scenario (scenarios/*.yaml) and catalogue (scenarios/catalog/*.yaml)
   must be valid.
2. Every structural fixture tests/fixtures/invalid/E2*.yaml must be rejected, so the
   schema an editor uses refuses what `demarche validate` refuses structurally.
   Skipped: E206 (duplicate keys, which JSON cannot express) and fixtures whose problem
   lives in an included file (they carry an `include:` key and the fault is elsewhere).

Run from the repository root: /usr/bin/python3 scripts/check-schema.py
Exit 0 when every check passes, 1 otherwise.
"""
import glob
import math
import os
import sys

import jsonschema
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEMA = os.path.join(ROOT, "scenarios", "schema.json")


class _Loader(yaml.SafeLoader):
    """SafeLoader that turns non-finite floats into strings.

    JSON has no NaN or infinity, and JSON Schema's `minimum`/`maximum` let NaN through
    (every comparison with NaN is false). The validator rejects `.nan` and `1e999` as
    absurd numbers (E207); a string in their place is rejected by every number rule, so
    the schema does the same here.
    """


def _construct_float(loader, node):
    value = yaml.SafeLoader.construct_yaml_float(loader, node)
    if isinstance(value, float) and not math.isfinite(value):
        return "<non-finite number %s>" % node.value
    return value


_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)


def load(path):
    with open(path, "rb") as f:
        return yaml.load(f, Loader=_Loader)


def errors_of(validator, document):
    return sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))


def describe(error):
    where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
    return "%s: %s" % (where, error.message)


def main():
    import json

    with open(SCHEMA, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    failures = 0

    shipped = sorted(glob.glob(os.path.join(ROOT, "scenarios", "*.yaml")))
    shipped += sorted(glob.glob(os.path.join(ROOT, "scenarios", "catalog", "*.yaml")))
    if not shipped:
        print("FAIL: no shipped scenarios found under scenarios/")
        failures += 1
    for path in shipped:
        rel = os.path.relpath(path, ROOT)
        try:
            errors = errors_of(validator, load(path))
        except yaml.YAMLError as e:
            print("FAIL %s: not readable YAML: %s" % (rel, e))
            failures += 1
            continue
        if errors:
            failures += 1
            print("FAIL %s: the schema rejects a shipped file:" % rel)
            for e in errors[:20]:
                print("    " + describe(e))
        else:
            print("ok   %s is valid" % rel)

    fixtures = sorted(glob.glob(os.path.join(ROOT, "tests", "fixtures", "invalid", "E2*.yaml")))
    for path in fixtures:
        rel = os.path.relpath(path, ROOT)
        name = os.path.basename(path)
        if name.startswith("E206"):
            print("skip %s: duplicate keys cannot be expressed in JSON" % rel)
            continue
        try:
            document = load(path)
        except yaml.YAMLError:
            print("ok   %s is rejected (not YAML)" % rel)
            continue
        errors = errors_of(validator, document)
        if not errors and isinstance(document, dict) and isinstance(document.get("include"), list):
            # The fault may sit in an included file: check those as the editor would.
            included_errors = []
            for inc in document["include"]:
                inc_path = os.path.join(os.path.dirname(path), str(inc))
                if os.path.isfile(inc_path):
                    try:
                        inc_errors = errors_of(validator, load(inc_path))
                    except yaml.YAMLError:
                        inc_errors = ["not YAML"]
                    if inc_errors:
                        included_errors.append(str(inc))
            if included_errors:
                print("ok   %s is rejected in its included file %s" % (rel, included_errors[0]))
            else:
                print("skip %s: its problem lives in an included file beyond the schema's reach" % rel)
            continue
        if errors:
            print("ok   %s is rejected: %s" % (rel, describe(errors[0])))
        else:
            failures += 1
            print("FAIL %s: the schema accepts a file the validator rejects" % rel)

    if failures:
        print("%d check(s) failed" % failures)
        return 1
    print("schema check passed: %d shipped file(s), %d fixture(s)" % (len(shipped), len(fixtures)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
