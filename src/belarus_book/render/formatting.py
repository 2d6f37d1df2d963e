"""One formatting function per kind of number, so the prose reads the same everywhere.

Every function returns text, never a float: MyST-NB glue renders a NumPy float with a format spec
as an empty string under NumPy 2, so the book only ever glues text. The text is a
``numbers.Number``: given values traced to the data (``provenance``), it carries their records
and derivation, which the book shows beside each number.
"""

from __future__ import annotations

import pandas as pd

from .numbers import number
from .numerals import decimal as _decimal
from .numerals import usd_text

_SMALL_NUMBERS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@number("USD million")
def usd(value_usd_million: float) -> str:
    """An amount of US dollars given in millions: '$5.4 billion', '$543.2 million'."""
    return usd_text(value_usd_million)


@number("euros")
def euros(value_euros: float, qualifier: str = "exact") -> str:
    """An amount of euros in millions, as the sources give them: '€30 million', 'about €200 million'."""
    return QUALIFIERS[qualifier] + f"€{_decimal(value_euros / 1e6, 1)} million"


@number("percent")
def percent(value: float, places: int = 1) -> str:
    """A percentage given in percent: '76.8%', '−4.7%' (with a true minus sign). ``places=0`` for a
    percentage that rests on rounded figures, which cannot support a decimal: '77%'."""
    return f"{_decimal(value, places)}%".replace("-", "−")


_SIMPLE_SHARES = {50.0: "half", 33.3: "a third", 25.0: "a quarter", 20.0: "a fifth", 10.0: "a tenth"}


@number("percent")
def share_words(value_percent: float) -> str:
    """A share as a reader would say it: 'a third' for 33.3 (%), else the percentage."""
    return _SIMPLE_SHARES.get(round(float(value_percent), 1), percent(value_percent))


@number("times")
def multiple(value: float) -> str:
    """A ratio read as 'times': '3.6 times'."""
    return f"{_decimal(value, 1)} times"


@number("count")
def count(value: int) -> str:
    """A count: words up to ten, digits with thousands separators above."""
    if int(value) != value or value < 0:
        raise ValueError(f"a count must be a whole non-negative number: {value!r}")
    value = int(value)
    return _SMALL_NUMBERS[value] if value <= 10 else f"{value:,}"


@number("year")
def year(value: int) -> str:
    """A calendar year."""
    return str(int(value))


@number("month")
def month(period: pd.Period) -> str:
    """A calendar month: 'February 2022'."""
    return f"{_MONTHS[period.month - 1]} {period.year}"


@number("period", values=2)
def period(start: pd.Period, end: pd.Period) -> str:
    """A period of whole months: '2021', 'February 2022', 'January–July 2023', 'October 2021–March 2022'."""
    if start == end:
        return month(start)
    if start.year == end.year and start.month == 1 and end.month == 12:
        return year(start.year)
    if start.year == end.year:
        return f"{_MONTHS[start.month - 1]}–{_MONTHS[end.month - 1]} {end.year}"
    return f"{month(start)}–{month(end)}"


@number("date")
def date(iso: str) -> str:
    """A date as precise as its source: '2021-06-24' -> '24 June 2021', '2022-06' -> 'June 2022'."""
    start = pd.Period(iso[:7], "M")
    if len(iso) > 7:
        return f"{int(iso[8:10])} {month(start)}"
    return month(start)


QUALIFIERS = {
    "exact": "",
    "approximately": "about ",
    "more_than": "more than ",
    "just_under": "just under ",
    "at_least": "at least ",
    "at_most": "no more than ",
}


@number("count", values=2)
def estimate(low: float, high: float, qualifier: str = "exact") -> str:
    """A head count as its source gives it: 'about 2,100', 'about 9,000–10,000', 'just under 30,000'."""
    figure = count(round(low)) if low == high else f"{count(round(low))}–{count(round(high))}"
    return QUALIFIERS[qualifier] + figure


@number(lambda value, unit, qualifier="exact": unit)
def in_unit(value: float, unit: str, qualifier: str = "exact") -> str:
    """A value in one of the data package's units, with the source's qualifier: 'about $7 billion'."""
    formatters = {
        "USD billion": lambda v: usd(v * 1000),
        "USD million": usd,
        "percent": percent,
        "year": year,
        "months": lambda v: f"{count(v)} months",
        "troops": lambda v: f"{count(round(v))} troops",
        "people": lambda v: f"{count(v)} people",
        "units": lambda v: f"{count(v)} vehicles",
        "tonnes": lambda v: f"{count(round(v))} tonnes",
        "count": count,
    }
    return QUALIFIERS[qualifier] + formatters[unit](value)


@number("years")
def years(values: list[int]) -> str:
    """A list of years as prose: '2013', '2013 and 2015', '2013, 2015 and 2019'."""
    names = [year(v) for v in values]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


@number("count")
def items(n: float, item: str) -> str:
    """A count of things named in the singular, as prose reads it: '98 T-72A tanks',
    '20 BMP-2 infantry fighting vehicles (stripped)', '1 Ural truck'."""
    name, _, note = item.partition(" (")
    plural = name if n == 1 or name.endswith("s") else f"{name}s"
    return f"{count(n)} {plural}" + (f" ({note}" if note else "")
