""" "What happened next": the note that closes a Part I or II chapter and points the reader to
Part IV, written from the data that Part IV itself draws on (dated events, and the figures
recorded for the period after the commentaries), so that it can never run ahead of the book.
"""

from __future__ import annotations

import pandas as pd

from .formatting import QUALIFIERS, date, estimate, percent

PART_IV_FROM = "2024-07"  # Part IV starts where the later commentary's sources stop


def before_part_iv(events: pd.DataFrame) -> pd.DataFrame:
    """The events a Part I or II chapter may chart: those before Part IV's period. Later events
    belong to Part IV's charts, where the prose discusses them."""
    return events[events["date"] < PART_IV_FROM]


def latest_events(events: pd.DataFrame, topics: list[str], limit: int = 3) -> str:
    """The latest dated events on the chapter's topics since mid-2024, oldest first:
    'Presidential election (26 January 2025); Zelensky meets Tsikhanouskaya (25 January 2026)'."""
    later = events[events["topic"].isin(topics) & (events["date"] >= PART_IV_FROM)].sort_values("date")
    if later.empty:
        raise LookupError(f"no event on {', '.join(topics)} since {PART_IV_FROM}")
    return "; ".join(f"{row.title} ({date(row.date)})" for row in later.tail(limit).itertuples())


def as_given(row: pd.Series) -> str:
    """A recorded figure as its source gives it: its number with the source's qualifier, or, where
    the source gives no number, its own words in quotation marks."""
    if pd.isna(row["low"]):
        return f"\u201c{row['words']}\u201d"
    return estimate(row["low"], row["high"], row["qualifier"])


def later_figures(developments: pd.DataFrame, topic: str) -> str:
    """The figures recorded for the period after the commentaries on one topic, as their sources
    give them: 'Growth of Belarus-Russia trade in 2025: 5.6%; ...'."""
    rows = developments[(developments["topic"] == topic) & developments["low"].notna()]
    if rows.empty:
        raise LookupError(f"no later figure on {topic}")
    parts = []
    for row in rows.itertuples():
        if row.unit == "percent":
            # As precise as the source and with its qualifier: 'about 1.15%' stays that, not '1.1%'.
            places = len(f"{row.low:.10f}".rstrip("0").split(".")[1])
            value = QUALIFIERS[row.qualifier] + percent(row.low, places)
        else:
            value = f"{estimate(row.low, row.high, row.qualifier)} {row.unit}"
        parts.append(f"{row.measure}: {value}")
    return "; ".join(parts)
