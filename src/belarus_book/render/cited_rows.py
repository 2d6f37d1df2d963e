"""The data rows a verdict rests on, shown to the reader: a link for each where the verdict is
given, and an anchored table that says, for each row, what it records, who said it, and the
source's own words, so that a verdict can be followed to its evidence in one click.

Each table's rows are described in words by ``describe``: the figure through ``formatting``
(one function per kind of number), the date, and who stated it.
"""

from __future__ import annotations

import pandas as pd

from . import escape
from .formatting import date, estimate, in_unit, percent
from .tables import Table

# The column that identifies a row, for the tables whose first column is not named record_id.
ID_COLUMNS = {"events": "event_id", "eu_sanctions": "package_id", "sanction_measures": "measure_id"}


def anchor(record_id: str) -> str:
    """The id of a row's entry in the table of cited rows, which its links point to."""
    return "row-" + str(record_id).lower()


def links_html(records: list[str]) -> str:
    """The rows a verdict rests on, each a link to its entry (escaped HTML)."""
    return ", ".join(f'<a href="#{anchor(r)}">{escape.html(r)}</a>' for r in records)


def _when(row) -> str:
    for column in ("date", "period_end", "adopted"):
        if column in row and isinstance(row[column], str) and row[column]:
            return date(row[column])
    if "year" in row and pd.notna(row["year"]):
        return str(int(row["year"]))
    return "undated"


def describe(resource: str, row) -> str:
    """What one data row records, in words."""
    if resource == "events":
        return f"{row['title']}: {row['description']}"
    if resource == "developments":
        if isinstance(row["words"], str) and row["words"]:
            amount = row["words"]
        elif pd.notna(row["low"]):
            amount = estimate(row["low"], row["high"], row["qualifier"]) + f" {row['unit']}"
        else:
            amount = "no figure given"
        return f"{row['measure']}: {amount} (stated by {row['stated_by']})"
    if resource == "troop_estimates":
        amount = estimate(row["low"], row["high"], row["qualifier"])
        return f"Russian troops in Belarus, {row['kind']}: {amount} (estimated by {row['estimated_by']})"
    if resource == "trade_shares":
        places = 0 if float(row["value"]).is_integer() else 1  # as precise as the source, no more
        return f"{row['share_of']}: {percent(row['value'], places)} ({row['stated_by']})"
    if resource == "economic_outlook":
        label = "GDP growth" if row["indicator"] == "gdp_growth" else "Change in exports"
        return f"{label} in {int(row['year'])}, {row['kind']} by {row['made_by']}: {percent(row['value'])}"
    if resource == "belarus_russia_trade":
        return f"Belarus-Russia trade ({row['direction']}, {row['reporter']}'s figure): " + in_unit(
            row["value"], row["unit"], row["qualifier"]
        )
    if resource == "eu_sanctions":
        return f"{row['label']}: {row['measures']}"
    for column in ("statement", "measure", "description", "finding", "aspect"):
        if column in row and isinstance(row[column], str):
            return row[column]
    return "—"


def _words(evidence: pd.DataFrame, resource: str, record_id: str) -> str:
    passages = evidence[(evidence["resource"] == resource) & (evidence["record_id"] == record_id)]
    shown = []
    for quote, translation in zip(passages["quote"], passages["translation"], strict=True):
        if isinstance(quote, str) and quote and quote not in shown:
            shown.append(quote if not isinstance(translation, str) or not translation else f"{quote} ({translation})")
    return " / ".join(f"“{q}”" for q in shown) or "—"


def cited_rows_table(data, records: list[str], caption: str) -> Table:
    """Every cited row, once, in the order first cited: anchor, what it records, when, source, words."""
    tables = {name: t for name, t in data.confirmation_tables().items() if name != "scorecard"}
    located = {}
    for name, table in tables.items():
        column = ID_COLUMNS.get(name, table.columns[0])
        for _, row in table.iterrows():
            located[row[column]] = (name, row)
    titles = data.sources.set_index("source_id")
    entries = []
    for record in dict.fromkeys(records):
        resource, row = located[record]
        source = titles.loc[row["source_id"]]
        entries.append(
            {
                "Row": f'<span id="{anchor(record)}">{escape.html(record)}</span>',
                "What it records": describe(resource, row),
                "When": _when(row),
                "Source": f"{source['publisher']}, “{source['title']}”",
                "The source's words": _words(data.evidence, resource, record),
            }
        )
    return Table(pd.DataFrame(entries), widths=[1, 3.4, 1.3, 2.3, 4], html_columns=("Row",), caption=caption)
