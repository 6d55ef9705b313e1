#!/usr/bin/env python3
"""Check a FollowTheMoney JSON-lines export against the `followthemoney` package's own model.

Usage:
    python3 -m venv Store/.venv && Store/.venv/bin/pip install followthemoney
    Store/.venv/bin/python Scripts/ftm-check.py EXPORT.ftm.json   # or - for standard input

Every line must be an entity of a known, non-abstract schema; every property must belong to the
schema and every value must be valid for its type (dates, numbers, languages, countries, ...);
required properties must be present; every entity reference must name an entity of the file whose
schema fits the property's range; and FtM must build the entity. All problems are listed, one a
line, and the exit status is 1 if there are any.
"""

import json
import sys

from followthemoney import model
from followthemoney.exc import InvalidData


def check(lines):
    problems = []
    entities = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            problems.append(f"line {number}: not JSON: {error}")
            continue
        if not isinstance(data, dict) or not isinstance(data.get("id"), str):
            problems.append(f"line {number}: an entity needs an 'id' string")
            continue
        if data["id"] in entities:
            problems.append(f"line {number}: duplicate id {data['id']!r} (first on line {entities[data['id']][0]})")
            continue
        entities[data["id"]] = (number, data)

    for entity_id, (number, data) in entities.items():
        where = f"line {number} ({entity_id})"
        schema = model.get(data.get("schema") or "")
        if schema is None:
            problems.append(f"{where}: unknown schema {data.get('schema')!r}")
            continue
        if schema.abstract:
            problems.append(f"{where}: schema {schema.name} is abstract")
            continue
        properties = data.get("properties") or {}
        for name, values in properties.items():
            prop = schema.get(name)
            if prop is None:
                problems.append(f"{where}: {schema.name} has no property {name!r}")
                continue
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                problems.append(f"{where}: {name}: values must be a list of strings")
                continue
            for value in values:
                if prop.type.name == "entity":
                    target = entities.get(value)
                    if target is None:
                        problems.append(f"{where}: {name}: {value!r} is no entity of the file")
                        continue
                    target_schema = model.get(target[1].get("schema") or "")
                    if target_schema is not None and prop.range is not None and not target_schema.is_a(prop.range):
                        problems.append(
                            f"{where}: {name}: {value!r} is a {target_schema.name}, not a {prop.range.name}")
                elif prop.type.clean(value, proxy=None) is None:
                    problems.append(f"{where}: {name}: {value!r} is not a valid {prop.type.name}")
        for required in schema.required:
            if not properties.get(required):
                problems.append(f"{where}: {schema.name} requires {required!r}")
        try:
            model.get_proxy(data, cleaned=False)
        except InvalidData as error:
            problems.append(f"{where}: followthemoney refuses it: {error}")
    return len(entities), problems


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    path = argv[1]
    try:
        stream = sys.stdin if path == "-" else open(path, encoding="utf-8")
    except OSError as error:
        print(f"{path}: cannot be read: {error.strerror}", file=sys.stderr)
        return 2
    with stream:
        count, problems = check(stream.read().splitlines())
    for problem in problems:
        print(f"{path}: {problem}")
    print(f"ftm-check: {count} entities, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
