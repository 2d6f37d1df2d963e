"""The data package's rules beyond its schema, written as Frictionless checks so that each
problem is reported as the schema's are: file, row, column, value, rule and what to do.

``EVERY_TABLE``: numbers finite and written plainly; text not blank where required, not too long,
not a spreadsheet formula, no control characters, dates real. ``TABLE_CHECKS``: the cross-field
rules of particular tables (periods in order, a range not upside down, one headline per series,
a claim's fields fitting its kind).
"""

from __future__ import annotations

import datetime
import math
import re

import attrs
from frictionless import Check, errors


def _rule_error(rule: str, title: str) -> type[errors.CellError]:
    """A Frictionless cell error whose type is the rule's own name, so reports can name it."""
    return type(f"{rule.title().replace('-', '')}Error", (errors.CellError,), {"type": rule, "title": title})


FiniteNumberError = _rule_error("finite-number", "Number Not Finite")
PeriodOrderError = _rule_error("period-order", "Period Ends Before It Starts")
LowHighOrderError = _rule_error("low-high-order", "Range Upside Down")
OneHeadlineError = _rule_error("one-headline", "More Than One Headline Row")
ClaimStatusError = _rule_error("claim-status", "Claim Status Inconsistent")
BlankTextError = _rule_error("not-blank", "Required Text Is Blank")
CalendarDateError = _rule_error("calendar-date", "No Such Date")
CellLengthError = _rule_error("cell-length", "Cell Too Long")
FormulaStartError = _rule_error("no-formula", "Cell Starts Like A Spreadsheet Formula")
PlainSpellingError = _rule_error("plain-spelling", "Value Not Written Plainly")
ControlCharacterError = _rule_error("no-control-character", "Cell Holds A Control Character")


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


# Longer than any quote a row needs (the longest is under 500 characters): a longer cell is a paste gone wrong.
MAX_CELL_CHARACTERS = 2000
# A cell starting with one of these runs as a formula when a reader opens a published CSV in a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A text field given as a date (year, year-month or full date) by its pattern.
_DATE_PATTERN = re.compile(r"^\^\(19\|20\)")
_FULL_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# Characters that CSV readers and pages treat unlike text (a carriage return is dropped on reading,
# a NUL ends a C string); a line break inside a quote is kept.
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f\x85\u2028\u2029]")


# How each typed value must be written. Frictionless also reads "1_000", " 5", ".5", "٣",
# "2022-2-3" and "2022-1", which other readers (pandas, a spreadsheet) read differently or not at all.
PLAIN_SPELLINGS = {
    "number": re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?"),
    "integer": re.compile(r"-?[0-9]+"),
    "date": re.compile(r"(19|20)[0-9]{2}-[0-9]{2}-[0-9]{2}"),
    "yearmonth": re.compile(r"(19|20)[0-9]{2}-[0-9]{2}"),
}
PLAIN_EXAMPLES = {"number": "1234.5 or 1.2e3", "integer": "1234", "date": "2022-02-24", "yearmonth": "2022-02"}


@attrs.define(kw_only=True, repr=False)
class plain_spelling(Check):
    """A number, integer, date or year-month is written in the one plain form every reader of a
    CSV reads alike: ASCII digits, no spaces, no digit separators, every part of a date in full,
    a year from 1900 to 2099 (year 0, which Frictionless accepts, stops pandas)."""

    type = "plain-spelling"
    Errors = [PlainSpellingError]

    def validate_row(self, row):
        raw = dict(zip(row.field_names, row.cells, strict=False))
        for field in self.resource.schema.fields:
            spelling = PLAIN_SPELLINGS.get(field.type)
            text = raw.get(field.name)
            if spelling is None or row.get(field.name) is None or not isinstance(text, str):
                continue
            if not spelling.fullmatch(text):
                yield PlainSpellingError.from_row(
                    row,
                    note=f"write a {field.type} plainly, as in {PLAIN_EXAMPLES[field.type]}",
                    field_name=field.name,
                )


@attrs.define(kw_only=True, repr=False)
class sound_text(Check):
    """Text cells: required text is not blank, no cell is longer than MAX_CELL_CHARACTERS, none
    starts like a spreadsheet formula or holds a control character other than a line break, and a
    date written as text is a real calendar date."""

    type = "sound-text"
    Errors = [BlankTextError, CellLengthError, FormulaStartError, ControlCharacterError, CalendarDateError]

    def validate_row(self, row):
        for field in self.resource.schema.fields:
            value = row.get(field.name)
            if field.type != "string" or not isinstance(value, str):
                continue
            if field.required and not value.strip():
                yield BlankTextError.from_row(row, note="required text cannot be only spaces", field_name=field.name)
            if len(value) > MAX_CELL_CHARACTERS:
                yield CellLengthError.from_row(
                    row, note=f"{len(value)} characters; at most {MAX_CELL_CHARACTERS}", field_name=field.name
                )
            if value.startswith(FORMULA_STARTS):
                yield FormulaStartError.from_row(
                    row,
                    note="a cell starting with =, +, -, @, a tab or a carriage return runs as a formula in a "
                    "spreadsheet: start it with another character",
                    field_name=field.name,
                )
            elif found := _CONTROL.search(value):
                yield ControlCharacterError.from_row(
                    row,
                    note=f"character U+{ord(found.group()):04X} at position {found.start() + 1}: remove it",
                    field_name=field.name,
                )
            if _DATE_PATTERN.match(field.constraints.get("pattern", "")) and _FULL_DATE.match(value):
                try:
                    datetime.date.fromisoformat(value)
                except ValueError:
                    yield CalendarDateError.from_row(row, note="not a date in the calendar", field_name=field.name)


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
                        row, note=f"a claim of kind '{kind}' needs a {name}", field_name=name
                    )
        else:
            for name in ("stated_value", "unit", "qualifier", "function", "tolerance", "data_record"):
                if row.get(name) is not None:
                    yield ClaimStatusError.from_row(
                        row, note=f"a claim of kind '{kind}' has no {name}: its findings check it", field_name=name
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


# Every table is checked for these; some tables also for their own rules.
EVERY_TABLE = [finite_numbers, plain_spelling, sound_text]
TABLE_CHECKS = {
    "trade_flows": [period_in_order, one_headline_per_series],
    "trade_shares": [period_in_order],
    "troop_estimates": [period_in_order, low_not_above_high],
    "equipment_transfers": [period_in_order],
    "armed_forces": [period_in_order],
    "claims": [claim_fields_fit_kind],
}
