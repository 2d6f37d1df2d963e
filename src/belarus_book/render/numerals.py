"""Numerals as text, below every other module of the render layer: rounding as readers round,
and the two spellings that a number's derivation needs (a plain number, an amount of dollars).
``formatting`` builds the book's number formats on these, ``numbers`` writes derivations with them.
"""

from __future__ import annotations

import math


def decimal(value: float, decimals: int) -> str:
    """Round half away from zero (as readers do, unlike Python's banker's rounding); drop a trailing '.0'."""
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"cannot format a non-finite number: {value!r}")
    factor = 10**decimals
    rounded = math.floor(abs(value) * factor + 0.5) / factor
    text = f"{math.copysign(rounded, value) if rounded else 0.0:,.{decimals}f}"
    if decimals and text.endswith("." + "0" * decimals):
        text = text[: -(decimals + 1)]
    return text


def plain_number(value: float) -> str:
    """A number without a unit, for derivations: '5,400', '13.25', '−19.6'."""
    text = decimal(value, 2)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace("-", "−")


def usd_text(value_usd_million: float) -> str:
    """An amount of US dollars given in millions, as text: '$5.4 billion', '$543.2 million'."""
    if abs(value_usd_million) >= 999.95:  # what would round to '$1,000 million' reads as billions
        return f"${decimal(value_usd_million / 1000, 1)} billion"
    return f"${decimal(value_usd_million, 1)} million"
