"""A number in the prose, and everything it carries: the one place that says what provenance a
generated number has, and its derivation written out with its inputs.

Every formatting function (``formatting``) returns a ``Number``: the text the reader sees, with
the value and unit it was formatted from, the derivation written out from the traced values it
was given (``provenance``), and the data records those rest on. ``publish`` glues it with that
provenance; at build time ``resolve`` adds each record's source, rating and evidence quote and the
ledger claim it states (``panels``), and the Sphinx extension renders the result as a popover
(HTML), a link to the appendix "Where every number comes from" (PDF) and a row of ``numbers.csv``.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from ..data.provenance import Record, Traced, plain
from .numerals import plain_number, usd_text

# The glue payload's MIME type: MyST-NB keeps it in the executed notebook beside text/plain.
MIME = "application/vnd.belarus-book.number+json"


class Number(str):
    """A formatted number that knows its value, unit, derivation and records."""

    value: Any = None
    unit: str = ""
    derivation: str = ""
    records: tuple[Record, ...] = ()

    def payload(self) -> dict:
        """What the build needs from the kernel to say where this number comes from."""
        return {
            "text": str(self),
            "value": self.value,
            "unit": self.unit,
            "derivation": self.derivation,
            "records": [record.as_dict() for record in self.records],
        }


def _plain(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(v) for v in value)
    return plain(value)


def _flat(values) -> list:
    flat = []
    for value in values:
        flat.extend(_flat(value) if isinstance(value, (list, tuple)) else [value])
    return flat


def _json_value(value: Any) -> Any:
    value = _plain(value)
    if isinstance(value, (list, tuple)):
        return "/".join(str(_json_value(v)) for v in value)
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value if isinstance(value, (int, float, str)) else str(value)


def number(unit: str, values: int = 1):
    """Make a formatting function return a ``Number``: the function formats plain values; the
    ``values`` first arguments are the number's value (a range or period when two), and every
    traced argument adds its records."""

    def decorate(function):
        @functools.wraps(function)
        def formatted(*args, **kwargs):
            text = function(*(_plain(a) for a in args), **{k: _plain(v) for k, v in kwargs.items()})
            result = Number(text)
            traced_args = [a for a in _flat((*args, *kwargs.values())) if isinstance(a, Traced)]
            value_args = list(args[:values])
            shown = [v for i, v in enumerate(value_args) if i == 0 or _plain(v) != _plain(value_args[0])]
            result.value = _json_value(shown[0]) if len(shown) == 1 else "/".join(str(_plain(v)) for v in shown)
            result.unit = unit(*map(_plain, args)) if callable(unit) else unit
            result.derivation = " to ".join(derivation(v) for v in _flat(shown) if isinstance(v, Traced))
            records: list[Record] = []
            for argument in traced_args:
                records.extend(argument.records)
            result.records = tuple(dict.fromkeys(records))
            return result

        return formatted

    return decorate


# --- the derivation, written out ----------------------------------------------------

_PRECEDENCE = {"+": 1, "−": 1, "×": 2, "÷": 2}
# Units of the fields the derivation writes with their unit (others are written as plain numbers).
FIELD_UNITS = {"value_usd_m": "USD million"}
# Fields that hold calendar years, written without a thousands separator ('2009', not '2,009').
YEAR_FIELDS = {"year"}


def _leaf_text(record: Record, raw: Any) -> str:
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        if FIELD_UNITS.get(record.field) == "USD million":
            text = usd_text(raw)
        elif record.field in YEAR_FIELDS and float(raw).is_integer():
            text = str(int(raw))
        else:
            text = plain_number(raw)
    else:
        text = str(raw)
    return f"{text} ({record.record_id})"


def derivation(value: Any) -> str:
    """How a traced value was computed, with its inputs: '$5.4 billion (TF-18) − $1.5 billion (TF-24)'."""
    return _render(value.expr)[0]


def resource_file(resource: str) -> str:
    """The file of the data package a resource is read from."""
    return resource if "." in resource else f"{resource}.csv"


def _render(expr) -> tuple[str, int]:
    """(text, precedence) of an expression; atoms have precedence 3."""
    kind = expr[0]
    if kind == "leaf":
        return _leaf_text(expr[1], expr[2]), 3
    if kind == "const":
        return plain_number(expr[1]) if isinstance(expr[1], (int, float)) else str(expr[1]), 3
    if kind == "neg":
        inner, precedence = _render(expr[1])
        return "−" + (inner if precedence == 3 else f"({inner})"), 3
    if kind == "abs":
        return f"|{_render(expr[1])[0]}|", 3
    if kind == "sum":
        return " + ".join(_render(leaf)[0] for leaf in expr[1]) or "0", 1
    if kind == "rows":
        _, resource, ids, field = expr
        listed = ", ".join(ids)
        if field is not None:  # a count of distinct values (of a computed column when unnamed)
            of = f" of {field}" if field else ""
            return f"distinct values{of} in rows {listed} of {resource_file(resource)}", 3
        return f"rows {listed} of {resource_file(resource)}" if ids else f"no rows of {resource_file(resource)}", 3
    if kind == "none":
        return f"none of the {len(expr[2])} rows of {resource_file(expr[1])}", 3
    if kind == "absent":
        _, resource, ids, field, value = expr
        return f"{value} is not a {field} of any of rows {', '.join(ids)} of {resource_file(resource)}", 3
    if kind == "op":
        _, symbol, left, right = expr
        mine = _PRECEDENCE[symbol]
        left_text, left_precedence = _render(left)
        right_text, right_precedence = _render(right)
        if left_precedence < mine:
            left_text = f"({left_text})"
        if right_precedence < mine or (right_precedence == mine and symbol in "−÷"):
            right_text = f"({right_text})"
        return f"{left_text} {symbol} {right_text}", mine
    raise ValueError(f"unknown expression {kind!r}")


# --- anchors --------------------------------------------------------------------------


def anchor(page: str, name: str) -> str:
    """A stable id for a number: its page's file name and its glue name, as one HTML/LaTeX-safe token."""
    return "n-" + re.sub(r"[^a-z0-9]+", "-", f"{page.rsplit('/', 1)[-1]}-{name}".lower()).strip("-")
