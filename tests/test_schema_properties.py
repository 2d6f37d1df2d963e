"""Property-based, over the schema: for every kind of field ``data/datapackage.json`` declares
(its type and constraints, as written there), any cell text the validator accepts loads to the
value that text denotes, read independently of both the validator and the loader.

Each example is a one-table data package holding a single field with one of the real
definitions and one generated cell; the validator is the book's own (Frictionless plus the
book's checks). A value the validator refuses is fine; one it accepts and the loader reads as
something else (a boolean spelt ``TRUE`` read as missing, say) fails the test.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import tempfile
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from belarus_book.data import datapackage
from belarus_book.data.problems import DataValidationError
from belarus_book.data.validation import validate_package

from .conftest import ROOT

DESCRIPTOR = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))


def _definitions() -> list[dict]:
    """Each distinct field definition of the schema (name aside), with the table it comes from."""
    seen: dict[str, dict] = {}
    for resource in DESCRIPTOR["resources"]:
        for field in resource["schema"]["fields"]:
            definition = {key: value for key, value in field.items() if key not in ("name", "title", "description")}
            seen.setdefault(json.dumps(definition, sort_keys=True), {**definition, "from": resource["name"]})
    return list(seen.values())


DEFINITIONS = _definitions()
TYPES = {definition.get("type", "string") for definition in DEFINITIONS}

# Spellings that have tripped loaders: each type is also tried with every other type's values.
AWKWARD = [
    "", " ", "TRUE", "True", "1", "0", "yes", "NaN", "nan", "inf", "-inf", "None", "null",
    "1e3", "1E3", "+1", "-0", "01", ".5", "5.", "1,000", "1 000", "1_000", " 5", "5 ", "٣",
    "2022-02-30", "2022-2-3", "20220203", "2022-02-03T00:00", "2022-13", "2022-1", "202201", "0000-01",
    "a,b", 'say "x"', "line\nbreak", "tab\there", "=1+1",
]  # fmt: skip

numbers = st.one_of(
    st.integers(-(10**12), 10**12).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
)
dates = st.dates(datetime.date(1900, 1, 1), datetime.date(2099, 12, 31))
CANDIDATES = {
    "number": numbers,
    "integer": st.integers(-(10**9), 10**9).map(str),
    "boolean": st.sampled_from(["true", "false"]),
    "date": dates.map(datetime.date.isoformat),
    "yearmonth": dates.map(lambda day: f"{day:%Y-%m}"),
}


def cell_texts(definition: dict) -> st.SearchStrategy[str]:
    """Three times in four a value of the field's own kind, otherwise anything awkward."""
    kind = definition.get("type", "string")
    constraints = definition.get("constraints", {})
    if "enum" in constraints:
        own = st.sampled_from(constraints["enum"])
    elif constraints.get("pattern"):
        own = st.from_regex(constraints["pattern"], fullmatch=True).filter(lambda text: len(text) < 200)
    else:
        own = CANDIDATES.get(kind, st.text(max_size=40))
    anything = st.one_of(st.sampled_from(AWKWARD), st.text(max_size=40), *CANDIDATES.values())
    return st.integers(0, 3).flatmap(lambda draw: anything if draw == 0 else own)


def denoted(definition: dict, text: str):
    """The value a reader takes ``text`` to mean in a field so defined; None for an empty cell,
    and ``AMBIGUOUS`` for text that has no single meaning of that type."""
    kind = definition.get("type", "string")
    if text == "":
        return None
    if kind == "string":
        return text
    if kind == "boolean":
        spelt = {v: True for v in definition.get("trueValues", ["true"])}
        spelt |= {v: False for v in definition.get("falseValues", ["false"])}
        return spelt.get(text, AMBIGUOUS)
    if kind in ("number", "integer"):
        if not re.fullmatch(r"[-+]?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?", text):
            return AMBIGUOUS
        try:
            value = Decimal(text)
        except InvalidOperation:
            return AMBIGUOUS
        if kind == "integer" and value != value.to_integral_value():
            return AMBIGUOUS
        # A number column holds binary floats: the text denotes the float nearest to it.
        return int(value) if kind == "integer" else float(value)
    if kind == "date":
        found = re.fullmatch(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", text)
        try:
            return datetime.date(*map(int, found.groups())) if found else AMBIGUOUS
        except ValueError:
            return AMBIGUOUS
    if kind == "yearmonth":
        found = re.fullmatch(r"([0-9]{4})-([0-9]{2})", text)
        if not found or not 1 <= int(found.group(2)) <= 12:
            return AMBIGUOUS
        return (int(found.group(1)), int(found.group(2)))
    raise AssertionError(f"the schema uses a field type this test does not know: {kind}")


AMBIGUOUS = object()


def loaded_as(definition: dict, value):
    """The loaded cell, in the terms ``denoted`` uses."""
    kind = definition.get("type", "string")
    if value is None or value is pd.NA or (isinstance(value, float) and value != value) or value is pd.NaT:
        return None
    if kind == "number":
        return float(value)
    if kind == "integer":
        return int(value)
    if kind == "boolean":
        return bool(value) if isinstance(value, bool) else value
    if kind == "date":
        return value.date()
    if kind == "yearmonth":
        return (value.year, value.month)
    return value


def _package(folder: Path, definition: dict, text: str) -> dict:
    """A data package of one table, ``probe.csv``, with one field so defined and one cell."""
    data = folder / "data"
    data.mkdir()
    field = {key: value for key, value in definition.items() if key != "from"} | {"name": "probe_field"}
    # A second column, as every real table has: a one-column row of spaces reads as a blank line.
    fields = [{"name": "probe_row", "type": "string"}, field]
    resource = {"name": "probe", "path": "probe.csv", "profile": "tabular-data-resource", "schema": {"fields": fields}}
    descriptor = {"name": "probe", "resources": [resource]}
    (data / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([["probe_row", "probe_field"], ["1", text]])
    (data / "probe.csv").write_text(buffer.getvalue(), encoding="utf-8")
    # The evidence check reads these two files; with no evidenced table, it checks nothing.
    (data / "evidence.csv").write_text((ROOT / "data" / "evidence.csv").read_text(encoding="utf-8").split("\n")[0])
    (data / "sources.csv").write_text((ROOT / "data" / "sources.csv").read_text(encoding="utf-8").split("\n")[0])
    return resource


def test_every_field_type_of_the_schema_is_covered():
    assert TYPES <= set(CANDIDATES) | {"string"}, TYPES
    assert len(DEFINITIONS) >= 10, "the schema's field definitions were not read"


def accepted_loads_as_denoted(definition: dict, text: str) -> bool:
    """Validate a one-cell package; if accepted, assert the cell loads to what it denotes.
    Whether it was accepted."""
    with tempfile.TemporaryDirectory() as folder:
        resource = _package(Path(folder), definition, text)
        try:
            validate_package(Path(folder) / "data")
        except DataValidationError as error:
            assert error.problems and all(problem.file.startswith("data/") for problem in error.problems)
            return False
        meant = denoted(definition, text)
        assert meant is not AMBIGUOUS, f"accepted {text!r}, which has no single meaning as {definition}"
        table = datapackage._read_table(Path(folder) / "data", resource)
        assert len(table) == 1, f"{text!r} was accepted as one cell but loads as {len(table)} rows"
        assert loaded_as(definition, table["probe_field"].iloc[0]) == meant, (text, definition)
        return True


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(
    data=st.data(),
    definition=st.sampled_from(sorted(TYPES)).flatmap(
        lambda kind: st.sampled_from([d for d in DEFINITIONS if d.get("type", "string") == kind])
    ),
)
def test_any_value_the_validator_accepts_loads_to_the_value_it_denotes(data, definition):
    text = data.draw(cell_texts(definition), label="cell")
    verdict = "accepted" if accepted_loads_as_denoted(definition, text) else "refused"
    event(f"{verdict} as {definition.get('type', 'string')}")


@pytest.mark.parametrize("text", AWKWARD)
def test_each_awkward_spelling_in_each_kind_of_field_is_refused_or_read_as_meant(text):
    for definition in DEFINITIONS:
        accepted_loads_as_denoted(definition, text)
