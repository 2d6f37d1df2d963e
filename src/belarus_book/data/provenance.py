"""Where a number comes from, captured while it is computed rather than typed beside it.

The data package's tables are loaded as ``TracedFrame``: any single value read from one (by
``.loc[record, field]``, ``.iloc``, ``.at``, or from a row such as ``row["value"]``) arrives as a
traced value that remembers its file, record id, field and the value it read. Arithmetic on
traced values keeps an expression of its inputs, so a number computed from other numbers carries
the records of all of them and can write out how it was derived. Sums, minima, maxima and counts
of a table's column (``column.sum()``, ``rows(table)``) are traced too.

Everything a traced value does besides remembering is what its plain value does: it is an
``int``, ``float`` or ``str`` subclass (a ``pd.Period`` is wrapped), so charts and tables use it
unchanged. A value computed in a way the tracing cannot see (``len()``, ``int()``, NumPy on the
left of an operator) is plain, and the build refuses to publish a plain number in the prose, with
its page and name: the remedy is to compute it from the traced values.

This module is the data layer's half; ``formatting`` writes the derivation out as prose.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

# The benchmark builds the book once with tracing switched off, to measure what provenance costs.
SWITCH = "BELARUS_BOOK_PROVENANCE"


def enabled() -> bool:
    return os.environ.get(SWITCH, "on") != "off"


# --- what a number rests on ---------------------------------------------------------


@dataclass(frozen=True)
class Record:
    """One value read from one row of one file of the data package."""

    resource: str
    record_id: str
    field: str
    value: str

    def as_dict(self) -> dict[str, str]:
        return {"resource": self.resource, "record_id": self.record_id, "field": self.field, "value": self.value}


# The expression a traced value was computed by, as nested tuples (JSON-friendly once rendered):
#   ("leaf", Record, raw value)          a value read from the data
#   ("const", value)                     a plain number in the computation (100, 1000)
#   ("op", symbol, left, right)          + − × ÷
#   ("neg", inner) / ("abs", inner)
#   ("sum", [leaves])                    a column's sum
#   ("rows", resource, [ids], field)     a count of rows (field None) or of distinct values of field
#   ("none", resource, [ids])            a count of zero: no row of these holds
#   ("absent", resource, [ids], field, value)   a value that none of these rows holds in field
Expr = tuple


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, pd.Period):
        return str(value)
    return str(value)


class Traced:
    """Mixin of every traced value: its expression, and the records that expression rests on."""

    expr: Expr

    @property
    def records(self) -> list[Record]:
        return records_of(self.expr)


def records_of(expr: Expr) -> list[Record]:
    """The records an expression rests on, each once, in the order they first appear."""
    found: list[Record] = []

    def walk(node):
        kind = node[0]
        if kind == "leaf":
            found.append(node[1])
        elif kind == "op":
            walk(node[2])
            walk(node[3])
        elif kind in ("neg", "abs"):
            walk(node[1])
        elif kind == "sum":
            for leaf in node[1]:
                walk(leaf)
        elif kind == "none":
            found.extend(Record(node[1], record_id, "", "") for record_id in node[2])
        elif kind in ("rows", "absent"):
            found.extend(Record(node[1], record_id, node[3] or "", "") for record_id in node[2])

    walk(expr)
    return list(dict.fromkeys(found))


def expr_of(value: Any) -> Expr:
    if isinstance(value, Traced):
        return value.expr
    return ("const", _plain(value))


def plain(value: Any):
    """The plain value of a traced one (an int, float, str or Period); anything else unchanged."""
    if isinstance(value, TracedText):
        return str.__str__(value)
    if isinstance(value, TracedPeriod):
        return value.period
    return _plain(value)


def _plain(value: Any):
    if isinstance(value, TracedInt):
        return int(value)
    if isinstance(value, TracedFloat):
        return float(value)
    if isinstance(value, np.generic):
        return value.item()
    return value


def make(value: Any, expr: Expr):
    """A traced value of ``value``'s kind (booleans, None and NaN stay plain: nothing reads them as numbers)."""
    value = _plain(value)
    if value is None or isinstance(value, bool) or value is pd.NA:
        return value
    if isinstance(value, int):
        return TracedInt(value, expr)
    if isinstance(value, float):
        return value if math.isnan(value) else TracedFloat(value, expr)
    if isinstance(value, str):
        return TracedText(value, expr)
    if isinstance(value, pd.Period):
        return TracedPeriod(value, expr)
    return value


_NUMBER = (int, float, np.integer, np.floating)


def _arith(symbol: str, function, reflected: bool = False):
    def operate(self, other):
        if isinstance(other, bool) or not isinstance(other, _NUMBER):
            return NotImplemented
        left, right = (other, self) if reflected else (self, other)
        return make(function(_plain(left), _plain(right)), ("op", symbol, expr_of(left), expr_of(right)))

    return operate


class _Arithmetic(Traced):
    __add__ = _arith("+", lambda a, b: a + b)
    __radd__ = _arith("+", lambda a, b: a + b, reflected=True)
    __sub__ = _arith("−", lambda a, b: a - b)
    __rsub__ = _arith("−", lambda a, b: a - b, reflected=True)
    __mul__ = _arith("×", lambda a, b: a * b)
    __rmul__ = _arith("×", lambda a, b: a * b, reflected=True)
    __truediv__ = _arith("÷", lambda a, b: a / b)
    __rtruediv__ = _arith("÷", lambda a, b: a / b, reflected=True)

    def __neg__(self):
        return make(-_plain(self), ("neg", self.expr))

    def __pos__(self):
        return self

    def __abs__(self):
        return make(abs(_plain(self)), ("abs", self.expr))

    def __round__(self, digits=None):
        # Rounding is presentation: the derivation stays that of the unrounded value.
        return make(round(_plain(self), digits), self.expr)

    def __reduce__(self):
        return (make, (_plain(self), self.expr))


class TracedInt(_Arithmetic, int):
    def __new__(cls, value, expr: Expr):
        instance = int.__new__(cls, value)
        instance.expr = expr
        return instance


class TracedFloat(_Arithmetic, float):
    def __new__(cls, value, expr: Expr):
        instance = float.__new__(cls, value)
        instance.expr = expr
        return instance


class TracedText(Traced, str):
    def __new__(cls, value, expr: Expr):
        instance = str.__new__(cls, value)
        instance.expr = expr
        return instance

    def __reduce__(self):
        return (make, (str(self), self.expr))


class TracedPeriod(Traced):
    """A month read from the data (``pd.Period`` cannot be subclassed): behaves as the Period."""

    def __init__(self, period: pd.Period, expr: Expr):
        self.period, self.expr = period, expr

    def __getattr__(self, name):
        return getattr(self.__dict__["period"], name)

    def __eq__(self, other):
        return self.period == (other.period if isinstance(other, TracedPeriod) else other)

    def __hash__(self):
        return hash(self.period)

    def __lt__(self, other):
        return self.period < (other.period if isinstance(other, TracedPeriod) else other)

    def __sub__(self, other):
        return self.period - (other.period if isinstance(other, TracedPeriod) else other)

    def __str__(self):
        return str(self.period)

    def __repr__(self):
        return repr(self.period)


def leaf(resource: str, record_id: Any, field: str, value: Any):
    """A value read from the data, traced to its row."""
    plain = _plain(value)
    return make(plain, ("leaf", Record(resource, str(record_id), str(field), _text(plain)), plain))


# --- traced tables -----------------------------------------------------------------


class TracedSeries(pd.Series):
    """A row or a column of a traced table."""

    _metadata = ["bb_resource", "bb_id", "bb_row_ids"]
    bb_resource: str | None = None
    bb_id: str | None = None
    bb_row_ids: dict | None = None  # a column's row labels -> record ids

    @property
    def _constructor(self):
        return TracedSeries

    @property
    def _constructor_expanddim(self):
        return TracedFrame

    def _record_at(self, position: int) -> tuple[str, str] | None:
        """(record id, field) of the value at ``position``, or None when unknown."""
        if self.bb_resource is None:
            return None
        if self.bb_row_ids is not None:  # a column
            record_id = self.bb_row_ids.get(self.index[position])
            return None if record_id is None else (record_id, str(self.name))
        if self.bb_id in self.index:  # a row that still holds its id
            return str(pd.Series._ixs(self, self.index.get_loc(self.bb_id))), str(self.index[position])
        if isinstance(self.name, str):  # a row of a table indexed by its ids
            return self.name, str(self.index[position])
        return None

    def _ixs(self, i, axis=0):
        value = super()._ixs(i, axis)
        where = self._record_at(i) if np.ndim(value) == 0 else None
        return value if where is None else leaf(self.bb_resource, where[0], where[1], value)

    def _column_leaves(self, mask=None) -> list[Expr]:
        leaves = []
        for position in range(len(self)):
            if mask is not None and not mask[position]:
                continue
            value = super()._ixs(position)
            where = self._record_at(position)
            if where is None:
                raise _Untraceable
            if not pd.isna(value):
                leaves.append(expr_of(leaf(self.bb_resource, where[0], where[1], value)))
        return leaves

    def sum(self, *args, **kwargs):
        total = super().sum(*args, **kwargs)
        try:
            if self.dtype == bool:  # counting the rows where a condition holds
                where = [self._record_at(i) for i, kept in enumerate(np.asarray(self.values, dtype=bool)) if kept]
                if any(w is None for w in where):
                    raise _Untraceable
                ids = [w[0] for w in where]
                if not ids:  # none holds: the count rests on the rows searched
                    ids = [self._record_at(i)[0] for i in range(len(self))]
                    return make(total, ("none", self.bb_resource, ids))
                return make(total, ("rows", self.bb_resource, ids, None))
            return make(total, ("sum", self._column_leaves()))
        except _Untraceable:
            return total

    def _extreme(self, which: str, *args, **kwargs):
        value = getattr(super(), which)(*args, **kwargs)
        try:
            position = list(self.index).index(getattr(super(), "idx" + which)())
        except (ValueError, TypeError):
            return value
        return self._ixs(position)

    def min(self, *args, **kwargs):
        return self._extreme("min", *args, **kwargs)

    def max(self, *args, **kwargs):
        return self._extreme("max", *args, **kwargs)

    def nunique(self, *args, **kwargs):
        distinct = super().nunique(*args, **kwargs)
        if self.bb_row_ids is None:
            return distinct
        ids = [self.bb_row_ids[label] for label in self.index if label in self.bb_row_ids]
        return make(distinct, ("rows", self.bb_resource, ids, "" if self.name is None else str(self.name)))


class _Untraceable(Exception):
    pass


class TracedFrame(pd.DataFrame):
    """A table of the data package whose single values arrive traced to their rows."""

    _metadata = ["bb_resource", "bb_id"]
    bb_resource: str | None = None
    bb_id: str | None = None

    @property
    def _constructor(self):
        return TracedFrame

    @property
    def _constructor_sliced(self):
        return TracedSeries

    def _row_ids(self) -> dict | None:
        if self.index.name == self.bb_id:
            return {label: str(label) for label in self.index}
        if self.bb_id in self.columns:
            ids = self._get_column_array(self.columns.get_loc(self.bb_id))
            return dict(zip(self.index, (str(v) for v in ids), strict=True))
        return None

    def _ixs(self, i, axis=0):
        result = super()._ixs(i, axis)
        if axis == 1 and isinstance(result, TracedSeries) and self.bb_resource is not None:
            result.bb_row_ids = self._row_ids()
        return result

    def _get_value(self, index, col, takeable=False):
        value = super()._get_value(index, col, takeable=takeable)
        if self.bb_resource is None:
            return value
        label, column = (self.index[index], self.columns[col]) if takeable else (index, col)
        record_id = (self._row_ids() or {}).get(label)
        return value if record_id is None else leaf(self.bb_resource, record_id, column, value)


def traced(table: pd.DataFrame, resource: str, id_column: str) -> TracedFrame:
    """``table`` as a traced table of ``resource``, whose rows are named by ``id_column``."""
    if not enabled():
        return table
    frame = TracedFrame(table)
    frame.bb_resource, frame.bb_id = resource, id_column
    return frame


def rows(table: pd.DataFrame) -> TracedInt:
    """How many rows a traced table has, resting on those rows (for counts of the book's own data)."""
    if not enabled():
        return len(table)
    if not isinstance(table, TracedFrame) or table.bb_resource is None:
        raise TypeError("rows() counts the rows of a table of the data package (a TracedFrame)")
    ids = list((table._row_ids() or {}).values())
    return TracedInt(len(table), ("rows", table.bb_resource, ids, None))


def absent(value: Any, table: TracedFrame, field: str):
    """A value found in no row of ``table`` (a year without a figure): it rests on the rows searched."""
    if not enabled():
        return value
    ids = list((table._row_ids() or {}).values())
    return make(value, ("absent", table.bb_resource, ids, field, _plain(value)))


def listed(names: list[str], file: str) -> TracedInt:
    """How many entries a file of the book lists (the data package's resources), resting on that file."""
    if not enabled():
        return len(names)
    return TracedInt(len(names), ("rows", file.removesuffix(".csv"), [str(n) for n in names], None))
