"""The data package's rules: Frictionless validation plus the project's cross-field checks.

Frictionless checks types, required values, patterns, enums, ranges, primary and foreign keys;
the rules beyond it (in ``checks``) are written as Frictionless checks so that every
problem is reported the same way: file, row, column, offending value, rule, and what to do.
Call it through ``datapackage.validate`` or ``datapackage.load``.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from frictionless import Checklist, FrictionlessException, Package, errors

from .checks import EVERY_TABLE, TABLE_CHECKS
from .problems import DataValidationError, Problem

_CONSTRAINT = re.compile(r'constraint "(\w+)" is "(.*)"$')
_CONSTRAINT_WORDS = {
    "required": lambda _: "a value is required",
    "unique": lambda _: "the value must not repeat an earlier row's",
    "pattern": lambda rule: f"the value must match the pattern {rule}",
    "enum": lambda rule: f"the value must be one of {rule}",
    "minimum": lambda rule: f"the value must be at least {rule}",
    "maximum": lambda rule: f"the value must be at most {rule}",
    "minLength": lambda rule: f"the value must have at least {rule} characters",
    "maxLength": lambda rule: f"the value must have at most {rule} characters",
}


def _detail(error) -> str:
    """What Frictionless reports, in words a data editor reads (it writes Python's True and None)."""
    note = error.note or error.title
    if error.type == "constraint-error" and (found := _CONSTRAINT.match(note)):
        name, rule = found.groups()
        return _CONSTRAINT_WORDS.get(name, lambda rule: f"{name} must be {rule}")(rule)
    if error.type == "primary-key":
        if all(cell in (None, "") for cell in getattr(error, "cells", []) or [None]):
            return "the row's identifier is blank"
        return "the row's identifier repeats an earlier row's"
    if error.type == "missing-cell":
        return "the row has fewer cells than the header"
    if error.type == "extra-cell":
        return "the row has more cells than the header"
    return note.replace('"None"', "empty").replace('"True"', "true").replace('"False"', "false")


def _problem_from(error, file: str) -> Problem:
    row = getattr(error, "row_number", None)
    column = getattr(error, "field_name", None)
    value = getattr(error, "cell", None)
    if value == "None" and error.type == "constraint-error":  # Frictionless writes a missing cell as 'None'
        value = ""
    if isinstance(error, errors.LabelError):  # header problems: the header is row 1
        row, column = 1, error.field_name or error.label
    if error.type == "foreign-key":
        column = ", ".join(error.field_names)
        value = ", ".join(error.field_cells)
    if error.type == "primary-key":
        column = "primary key"
    return Problem(file=file, row=row, column=column, value=value, rule=error.type, detail=_detail(error))


def _encoding_problem(path: Path, file: str) -> Problem | None:
    """Name the row and column of the first byte that is not UTF-8 (Frictionless reports only the file,
    and reports it again for every table that looks the file up through a foreign key)."""
    raw = path.read_bytes()
    try:
        raw.decode("utf-8")
        return None
    except UnicodeDecodeError as error:
        line_number = raw.count(b"\n", 0, error.start) + 1
        lines = raw.split(b"\n")
        try:  # name the column if the line still parses as CSV
            header = next(csv.reader([lines[0].decode("utf-8", errors="replace")]))
            cells = next(csv.reader([lines[line_number - 1].decode("utf-8", errors="replace")]))
            column = next((header[i] for i, cell in enumerate(cells) if "\ufffd" in cell and i < len(header)), None)
        except (csv.Error, StopIteration):
            column = None
        value = raw[error.start : error.end].hex(" ")
        return Problem(file, line_number, column, f"bytes {value}", "encoding-utf-8", "the file must be saved as UTF-8")


def _carriage_return_problem(path: Path, file: str) -> Problem | None:
    """A carriage return anywhere in a table: Frictionless and pandas read it differently (one
    drops it, the other may split a row at it), so the book would check one table and load another."""
    raw = path.read_bytes()
    where = raw.find(b"\r")
    if where < 0:
        return None
    return Problem(
        file,
        raw.count(b"\n", 0, where) + 1,
        None,
        None,
        "line-endings",
        "the file holds a carriage return: save it with Unix line endings, and no carriage return inside a cell",
    )


def _header_problems(path: Path, file: str, names: list[str]) -> list[Problem]:
    """The header must name the schema's fields exactly and in order (Frictionless trims whitespace
    around labels, the loader does not)."""
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle), [])
    if header == names:
        return []
    problems = []
    for position, (found, expected) in enumerate(zip(header, names, strict=False), start=1):
        if found != expected:
            problems.append(
                Problem(file, 1, expected, found, "header-label", f"column {position} must be named '{expected}'")
            )
    for missing in names[len(header) :]:
        problems.append(Problem(file, 1, missing, None, "missing-label", "the column is missing"))
    for extra in header[len(names) :]:
        problems.append(Problem(file, 1, extra, None, "extra-label", "the schema has no such column"))
    return problems


# The field types the loader reads (``datapackage._read_table``); the descriptor may use no other.
FIELD_TYPES = {"string", "number", "integer", "boolean", "date", "yearmonth"}
DESCRIPTOR = "data/datapackage.json"


def _descriptor_problem(
    key: str | None, rule: str, detail: str, value: str | None = None, line: int | None = None
) -> Problem:
    return Problem(DESCRIPTOR, line, key, value, rule, detail)


def descriptor_problems(path: Path) -> list[Problem]:
    """What makes ``datapackage.json`` unreadable before Frictionless reads it: not UTF-8 JSON, not
    an object with a list of resources, a resource without name, path or fields, a field type the
    loader cannot read, a pattern that is not a regular expression. A key is named as a JSON path."""
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        return [
            _descriptor_problem(
                None, "descriptor-json", "the file starts with a byte order mark: save it as UTF-8 without one", line=1
            )
        ]
    try:
        descriptor = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        return [_descriptor_problem(None, "descriptor-json", f"not UTF-8 at byte {error.start}", line=line)]
    except json.JSONDecodeError as error:
        return [
            _descriptor_problem(
                None, "descriptor-json", f"not valid JSON ({error.msg}, character {error.colno})", line=error.lineno
            )
        ]
    if (
        not isinstance(descriptor, dict)
        or not isinstance(descriptor.get("resources"), list)
        or not descriptor["resources"]
    ):
        return [
            _descriptor_problem(
                "resources",
                "descriptor-shape",
                "the file must be a JSON object whose 'resources' is a list of resources",
            )
        ]
    found = []
    for index, resource in enumerate(descriptor["resources"]):
        where = f"resources[{index}]"
        if not isinstance(resource, dict):
            found.append(_descriptor_problem(where, "descriptor-shape", "a resource must be a JSON object"))
            continue
        for key in ("name", "path"):
            if not isinstance(resource.get(key), str) or not resource[key].strip():
                found.append(_descriptor_problem(f"{where}.{key}", "descriptor-shape", f"a resource needs a {key}"))
        if isinstance(resource.get("path"), str) and (
            Path(resource["path"]).is_absolute() or ".." in Path(resource["path"]).parts
        ):
            found.append(
                _descriptor_problem(f"{where}.path", "descriptor-shape", "a path inside data/", resource["path"])
            )
        fields = (resource.get("schema") or {}).get("fields") if isinstance(resource.get("schema"), dict) else None
        if not isinstance(fields, list) or not fields or not all(isinstance(f, dict) for f in fields):
            found.append(
                _descriptor_problem(
                    f"{where}.schema.fields", "descriptor-shape", "a resource's schema needs a list of fields"
                )
            )
            continue
        for position, field in enumerate(fields):
            name = field.get("name")
            key = (
                f"{resource.get('name', where)}.{name}"
                if isinstance(name, str)
                else f"{where}.schema.fields[{position}]"
            )
            if not isinstance(name, str) or not name:
                found.append(_descriptor_problem(key, "descriptor-shape", "a field needs a name"))
            kind = field.get("type", "string")
            if kind not in FIELD_TYPES:
                found.append(
                    _descriptor_problem(
                        key, "field-type", f"the loader reads only {', '.join(sorted(FIELD_TYPES))}", str(kind)
                    )
                )
            pattern = (
                (field.get("constraints") or {}).get("pattern") if isinstance(field.get("constraints"), dict) else None
            )
            if pattern is not None:
                try:
                    re.compile(pattern)
                except (re.error, TypeError) as error:
                    found.append(
                        _descriptor_problem(key, "field-pattern", f"not a regular expression: {error}", str(pattern))
                    )
    return found


def validate_package(data_dir: Path) -> None:
    """Validate every resource of the data package; raise DataValidationError on any problem."""
    descriptor = data_dir / "datapackage.json"
    if not descriptor.is_file():
        raise DataValidationError([Problem(DESCRIPTOR, None, None, None, "descriptor-exists", "file not found")])
    if problems := descriptor_problems(descriptor):
        raise DataValidationError(problems)
    try:
        package = Package(str(descriptor))
    except FrictionlessException as error:
        raise DataValidationError(
            [_descriptor_problem(None, "descriptor-schema", error.error.note or error.error.title)]
        ) from None
    problems: list[Problem] = []
    for index, resource in enumerate(package.resources):
        file = f"data/{resource.path}"
        if not (data_dir / resource.path).is_file():
            problems.append(
                Problem(
                    file,
                    None,
                    None,
                    None,
                    "file-exists",
                    f"declared in {DESCRIPTOR}, key 'resources[{index}].path', but missing",
                )
            )
        elif problem := _encoding_problem(data_dir / resource.path, file) or _carriage_return_problem(
            data_dir / resource.path, file
        ):
            problems.append(problem)
        else:
            problems.extend(_header_problems(data_dir / resource.path, file, resource.schema.field_names))
    if problems:
        # Tables look each other up through foreign keys: check them only once every file can be read.
        raise DataValidationError(problems)
    for resource in package.resources:
        file = f"data/{resource.path}"
        checks = [check() for check in EVERY_TABLE + TABLE_CHECKS.get(resource.name, [])]
        try:
            report = resource.validate(checklist=Checklist(checks=checks))
        except FrictionlessException as error:
            problems.append(Problem(file, None, None, None, "descriptor-schema", error.error.note or error.error.title))
            continue
        for task in report.tasks:
            problems.extend(_problem_from(error, file) for error in task.errors)
        problems.extend(_problem_from(error, file) for error in report.errors)
    if problems:
        raise DataValidationError(problems)
    # Every row rests on its source's own words (read once the tables themselves are sound).
    from .evidence import check as check_evidence

    problems.extend(check_evidence(data_dir))
    if problems:
        raise DataValidationError(problems)
