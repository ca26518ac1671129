#!/usr/bin/python3
"""Checks scenarios/schema.json (scenario files) and scenarios/catalog/schema.json
(catalogue files) against the files they describe.

1. Every shipped scenario (scenarios/*.yaml) must be valid under the scenario schema, and
   every shipped catalogue (scenarios/catalog/*.yaml) under the catalogue schema; each
   file's modeline must name the schema of its kind.
2. Every structural fixture tests/fixtures/invalid/E2*.yaml must be rejected by the
   scenario schema (or, for a fault in an included file, that file by the catalogue
   schema), so the schemas an editor uses refuse what `demarche validate` refuses
   structurally. Skipped: E206 (duplicate keys, which JSON cannot express) and fixtures
   whose problem lives in an included file beyond the schemas' reach.
3. Each schema refuses a file of the other kind (a catalogue is not a scenario, E110).

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
SCENARIO_SCHEMA = os.path.join(ROOT, "scenarios", "schema.json")
CATALOGUE_SCHEMA = os.path.join(ROOT, "scenarios", "catalog", "schema.json")


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


def validator_of(path):
    import json

    with open(path, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def modeline_schema(path):
    """The schema a file's `# yaml-language-server: $schema=...` first line names, resolved."""
    with open(path, encoding="utf-8") as f:
        first = f.readline().strip()
    prefix = "# yaml-language-server: $schema="
    if not first.startswith(prefix):
        return None
    return os.path.normpath(os.path.join(os.path.dirname(path), first[len(prefix):]))


def main():
    scenario_validator = validator_of(SCENARIO_SCHEMA)
    catalogue_validator = validator_of(CATALOGUE_SCHEMA)
    failures = 0

    scenarios = sorted(glob.glob(os.path.join(ROOT, "scenarios", "*.yaml")))
    catalogues = sorted(glob.glob(os.path.join(ROOT, "scenarios", "catalog", "*.yaml")))
    if not scenarios or not catalogues:
        print("FAIL: no shipped scenarios or catalogues found under scenarios/")
        failures += 1
    shipped = [(p, scenario_validator, SCENARIO_SCHEMA, catalogue_validator) for p in scenarios]
    shipped += [(p, catalogue_validator, CATALOGUE_SCHEMA, scenario_validator) for p in catalogues]
    for path, validator, schema_path, other in shipped:
        rel = os.path.relpath(path, ROOT)
        named = modeline_schema(path)
        if named != schema_path:
            failures += 1
            print("FAIL %s: its first line must be `# yaml-language-server: $schema=%s` (it names %s)"
                  % (rel, os.path.relpath(schema_path, os.path.dirname(path)),
                     os.path.relpath(named, ROOT) if named else "no schema"))
        try:
            document = load(path)
        except yaml.YAMLError as e:
            print("FAIL %s: not readable YAML: %s" % (rel, e))
            failures += 1
            continue
        errors = errors_of(validator, document)
        if errors:
            failures += 1
            print("FAIL %s: the schema rejects a shipped file:" % rel)
            for e in errors[:20]:
                print("    " + describe(e))
        else:
            print("ok   %s is valid under %s" % (rel, os.path.relpath(schema_path, ROOT)))
        if not errors_of(other, document):
            failures += 1
            print("FAIL %s: the schema of the other kind of file accepts it too" % rel)

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
        errors = errors_of(scenario_validator, document)
        if not errors and isinstance(document, dict) and isinstance(document.get("include"), list):
            # The fault may sit in an included file: check those as the editor would.
            included_errors = []
            for inc in document["include"]:
                inc_path = os.path.join(os.path.dirname(path), str(inc))
                if os.path.isfile(inc_path):
                    try:
                        inc_errors = errors_of(catalogue_validator, load(inc_path))
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

    # A catalogue given where a scenario is expected (E110), and a file of only `format: 1`.
    for document, what in (({"format": 1}, "a file holding only `format: 1`"),
                           ({"format": 1, "measures": []}, "a catalogue")):
        if errors_of(scenario_validator, document):
            print("ok   the scenario schema rejects %s" % what)
        else:
            failures += 1
            print("FAIL the scenario schema accepts %s" % what)

    if failures:
        print("%d check(s) failed" % failures)
        return 1
    print("schema check passed: %d scenario(s), %d catalogue(s), %d fixture(s)"
          % (len(scenarios), len(catalogues), len(fixtures)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
