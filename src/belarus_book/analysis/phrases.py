"""Words with typed slots for numbers: how the analysis layer says what it computed without
choosing how a number is written.

``say("{} in {}", usd(amount), year(when))`` keeps each number with its kind (an amount in US
dollar millions, a year, a count ...); the render layer writes each slot in the book's format
(``belarus_book.render.ledger.spell``). Every number must arrive in a slot: a bare number in a
phrase is refused, so that no number reaches the reader unformatted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

# The kinds of slot, each named after the render layer's formatting function that writes it.
KINDS = ("usd", "percent", "count", "year", "date", "period", "estimate", "items")


@dataclass(frozen=True)
class Slot:
    """A number (or a period, a date) in a phrase, with the kind that says how it is written."""

    kind: str
    args: tuple

    def plain(self) -> str:
        """The slot's values as plain text, for messages to the book's editors."""
        return "–".join(f"{float(a):g}" if isinstance(a, (int, float)) else str(a) for a in self.args)


def usd(value_usd_million) -> Slot:
    return Slot("usd", (value_usd_million,))


def percent(value) -> Slot:
    return Slot("percent", (value,))


def count(value) -> Slot:
    return Slot("count", (value,))


def year(value) -> Slot:
    return Slot("year", (value,))


def date(iso) -> Slot:
    return Slot("date", (iso,))


def period(start, end) -> Slot:
    return Slot("period", (start, end))


def estimate(low, high, qualifier="exact") -> Slot:
    return Slot("estimate", (low, high, qualifier))


def items(n, item) -> Slot:
    return Slot("items", (n, item))


def _parts(value: Any) -> tuple:
    if isinstance(value, Phrase):
        return value.parts
    if isinstance(value, (Slot, str)):
        return (value,)
    raise TypeError(f"a phrase takes words, slots and phrases, not {type(value).__name__} {value!r}")


@dataclass(frozen=True)
class Phrase:
    """A sequence of words and slots."""

    parts: tuple

    def __add__(self, other) -> Phrase:
        return Phrase(self.parts + _parts(other))

    def __radd__(self, other) -> Phrase:
        return Phrase(_parts(other) + self.parts)

    def plain(self) -> str:
        """The phrase with its slots as plain values, for messages to the book's editors."""
        return "".join(part.plain() if isinstance(part, Slot) else part for part in self.parts)

    @staticmethod
    def join(separator: str, phrases: Iterable[Phrase | Slot | str]) -> Phrase:
        parts: tuple = ()
        for position, phrase in enumerate(phrases):
            parts += ((separator,) if position else ()) + _parts(phrase)
        return Phrase(parts)


def say(template: str, *values) -> Phrase:
    """A phrase from a template whose ``{}`` are filled, in order, by words, slots or phrases."""
    pieces = template.split("{}")
    if len(pieces) != len(values) + 1:
        raise ValueError(f"the template {template!r} has {len(pieces) - 1} places for {len(values)} values")
    parts: tuple = (pieces[0],)
    for value, piece in zip(values, pieces[1:], strict=True):
        parts += _parts(value) + (piece,)
    return Phrase(tuple(p for p in parts if p != ""))
