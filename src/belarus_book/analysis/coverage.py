"""How far the book's sources reach: the cut-off, the latest date anywhere in the data (a
source's day of publication, an event's date or the last month of a recorded period).

The front page and Part IV's title state it, so that a reader knows where the account stops; it
is computed, so that a new source moves it.
"""

from __future__ import annotations

import pandas as pd

from ..data import dependencies, provenance
from ..data.datapackage import BookData

# The columns that date a row, in the tables that have them.
DATE_COLUMNS = ("published", "date", "period_end", "adopted")
# Tables of reference rather than of the account (the gazetteer that places the map's cities):
# neither their rows nor the sources only they cite say how far the account reaches.
REFERENCE_TABLES = ("places", "scorecard")


def _start(text) -> pd.Timestamp | None:
    """The first day a date of any precision (YYYY, YYYY-MM, YYYY-MM-DD) can mean."""
    if not isinstance(text, str) or not text.strip():
        return None
    return pd.Period(text.strip(), freq={4: "Y", 7: "M"}.get(len(text.strip()), "D")).start_time


def latest_date(data: BookData) -> tuple[pd.Timestamp, str, str, str, str]:
    """The latest date in any dated column of any table: the day it can first mean, and the
    table, row, column and text that give it."""
    tables = {name: table for name, table in vars(data).items() if name not in REFERENCE_TABLES}
    # The evidence quotes every table's sources, the reference tables' too: the tables say which count.
    cited = {
        s
        for name, table in tables.items()
        if name not in ("evidence", "sources") and "source_id" in table.columns
        for s in table["source_id"]
    }
    tables["sources"] = data.sources[data.sources["source_id"].isin(cited)]
    dated = {name: table for name, table in tables.items() if any(c in table.columns for c in DATE_COLUMNS)}
    for name in dated:  # read through vars(), which bypasses the note taken on access
        dependencies.note_table(name)
    return max(
        (start, name, str(record), column, str(text))
        for name, table in dated.items()
        for column in DATE_COLUMNS
        if column in table.columns
        for record, text in zip(table.iloc[:, 0], table[column], strict=True)
        if (start := _start(text)) is not None
    )


def cut_off(data: BookData):
    """The month the book's account stops: that of the latest date in the data, traced to the row
    that gives it."""
    start, name, record, column, _ = latest_date(data)
    return provenance.leaf(name, record, column, start.to_period("M"))
