"""The data package's rules: Frictionless validation plus the project's cross-field checks.

Frictionless checks types, required values, patterns, enums, ranges, primary and foreign keys;
the cross-field rules in ``TABLE_CHECKS`` are written as Frictionless checks so that every
problem is reported the same way: file, row, column, offending value, rule, and what to do.
Call it through ``datapackage.validate`` or ``datapackage.load``.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import attrs
from frictionless import Check, Checklist, Package, errors

from .problems import DataValidationError, Problem

# --- cross-field rules, as Frictionless checks -------------------------------------


def _rule_error(rule: str, title: str) -> type[errors.CellError]:
    """A Frictionless cell error whose type is the rule's own name, so reports can name it."""
    return type(f"{rule.title().replace('-', '')}Error", (errors.CellError,), {"type": rule, "title": title})


FiniteNumberError = _rule_error("finite-number", "Number Not Finite")
PeriodOrderError = _rule_error("period-order", "Period Ends Before It Starts")
LowHighOrderError = _rule_error("low-high-order", "Range Upside Down")
OneHeadlineError = _rule_error("one-headline", "More Than One Headline Row")
ClaimStatusError = _rule_error("claim-status", "Claim Status Inconsistent")


@attrs.define(kw_only=True, repr=False)
class finite_numbers(Check):
    """Numbers must be finite: NaN and infinity are not data."""

    type = "finite-number"
    Errors = [FiniteNumberError]

    def validate_row(self, row):
        for field in self.resource.schema.fields:
            value = row.get(field.name)
            if field.type == "number" and value is not None and not math.isfinite(float(value)):
                yield FiniteNumberError.from_row(row, note="numbers must be finite", field_name=field.name)


@attrs.define(kw_only=True, repr=False)
class period_in_order(Check):
    """A period cannot end before it starts."""

    type = "period-order"
    Errors = [PeriodOrderError]

    def validate_row(self, row):
        start, end = row.get("period_start"), row.get("period_end")
        if start is not None and end is not None and tuple(end) < tuple(start):
            yield PeriodOrderError.from_row(row, note="period_end is before period_start", field_name="period_end")


@attrs.define(kw_only=True, repr=False)
class low_not_above_high(Check):
    """The low end of a range cannot exceed its high end."""

    type = "low-high-order"
    Errors = [LowHighOrderError]

    def validate_row(self, row):
        if row.get("low") is not None and row.get("high") is not None and row.get("low") > row.get("high"):
            yield LowHighOrderError.from_row(row, note="low is above high", field_name="high")


@attrs.define(kw_only=True, repr=False)
class one_headline_per_series(Check):
    """At most one reported headline row per reporter, direction, product and period;
    commentary claims are never headline rows."""

    type = "one-headline"
    Errors = [OneHeadlineError]
    seen: dict = attrs.field(factory=dict)

    def validate_row(self, row):
        if not row.get("headline"):
            return
        if row.get("basis") != "reported":
            yield OneHeadlineError.from_row(row, note="only reported rows can be headline rows", field_name="headline")
            return
        key = tuple(str(row.get(name)) for name in ("reporter", "direction", "product", "period_start", "period_end"))
        if key in self.seen:
            yield OneHeadlineError.from_row(
                row, note=f"a second headline row for the same series (first: {self.seen[key]})", field_name="headline"
            )
        else:
            self.seen[key] = row.get("record_id")


NUMERIC_KINDS = ("amount", "percentage", "count", "year")


@attrs.define(kw_only=True, repr=False)
class claim_fields_fit_kind(Check):
    """A numeric claim states a value, unit and qualifier, and names a recomputing function with its
    tolerance or none of the two; any other kind states none of these (its findings check it), and a
    date claim states its date. A claim-only row names no function."""

    type = "claim-status"
    Errors = [ClaimStatusError]

    def validate_row(self, row):
        kind = row.get("kind")
        if kind in NUMERIC_KINDS:
            for name in ("stated_value", "unit", "qualifier"):
                if row.get(name) is None:
                    yield ClaimStatusError.from_row(
                        row, note=f"a claim of kind {kind!r} needs a {name}", field_name=name
                    )
        else:
            for name in ("stated_value", "unit", "qualifier", "function", "tolerance", "data_record"):
                if row.get(name) is not None:
                    yield ClaimStatusError.from_row(
                        row, note=f"a claim of kind {kind!r} has no {name}: its findings check it", field_name=name
                    )
        if (row.get("kind") == "date") != (row.get("stated_date") is not None):
            yield ClaimStatusError.from_row(
                row, note="a date claim, and only a date claim, states a stated_date", field_name="stated_date"
            )
        if (row.get("function") is None) != (row.get("tolerance") is None):
            yield ClaimStatusError.from_row(
                row, note="a function and its tolerance come together", field_name="tolerance"
            )
        if row.get("status") == "claim-only" and row.get("function") is not None:
            yield ClaimStatusError.from_row(
                row, note="a claim-only row has nothing to recompute", field_name="function"
            )


TABLE_CHECKS = {
    "trade_flows": [period_in_order, one_headline_per_series],
    "trade_shares": [period_in_order],
    "troop_estimates": [period_in_order, low_not_above_high],
    "equipment_transfers": [period_in_order],
    "armed_forces": [period_in_order],
    "claims": [claim_fields_fit_kind],
}


def _problem_from(error, file: str) -> Problem:
    row = getattr(error, "row_number", None)
    column = getattr(error, "field_name", None)
    value = getattr(error, "cell", None)
    if isinstance(error, errors.LabelError):  # header problems: the header is row 1
        row, column = 1, error.field_name or error.label
    if error.type == "foreign-key":
        column = ", ".join(error.field_names)
        value = ", ".join(error.field_cells)
    if error.type == "primary-key":
        column = "primary key"
    return Problem(file=file, row=row, column=column, value=value, rule=error.type, detail=error.note or error.title)


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
                Problem(file, 1, expected, found, "header-label", f"column {position} must be named {expected!r}")
            )
    for missing in names[len(header) :]:
        problems.append(Problem(file, 1, missing, None, "missing-label", "the column is missing"))
    for extra in header[len(names) :]:
        problems.append(Problem(file, 1, extra, None, "extra-label", "the schema has no such column"))
    return problems


def validate_package(data_dir: Path) -> None:
    """Validate every resource of the data package; raise DataValidationError on any problem."""
    descriptor = data_dir / "datapackage.json"
    if not descriptor.is_file():
        raise DataValidationError([Problem(str(descriptor), None, None, None, "descriptor-exists", "file not found")])
    package = Package(str(descriptor))
    problems: list[Problem] = []
    for resource in package.resources:
        file = f"data/{resource.path}"
        if not (data_dir / resource.path).is_file():
            problems.append(Problem(file, None, None, None, "file-exists", "declared in datapackage.json but missing"))
        elif problem := _encoding_problem(data_dir / resource.path, file):
            problems.append(problem)
        else:
            problems.extend(_header_problems(data_dir / resource.path, file, resource.schema.field_names))
    if problems:
        # Tables look each other up through foreign keys: check them only once every file can be read.
        raise DataValidationError(problems)
    for resource in package.resources:
        file = f"data/{resource.path}"
        checks = [finite_numbers()] + [check() for check in TABLE_CHECKS.get(resource.name, [])]
        report = resource.validate(checklist=Checklist(checks=checks))
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
