"""The scorecard: the commentaries' expectations and recommendations held against what happened.

Each row of ``data/scorecard.csv`` gives a verdict (happened, partly, not, too early to tell) and
the data rows it rests on. ``check`` makes sure every verdict but 'too early to tell' names rows,
that every row it names exists and is confirmed by its source, and that a SCEEUS recommendation
points to its row of ``recommendations.csv``.
"""

from __future__ import annotations

import pandas as pd

from ..data.datapackage import BookData

VERDICTS = ("happened", "partly", "not", "too early to tell")


class ScorecardError(ValueError):
    """A scorecard row whose verdict does not rest on confirmed data."""


def _record_index(data: BookData) -> dict[str, tuple[str, str]]:
    """Every row identifier of the confirmation tables, with its file and confirmation."""
    index = {}
    for name, table in data.confirmation_tables().items():
        for record, confirmation in zip(table.iloc[:, 0], table["confirmation"], strict=True):
            index[record] = (f"{name}.csv", confirmation)
    return index


def check(data: BookData) -> pd.DataFrame:
    """The scorecard, with each row's evidence as a list; raise ScorecardError naming the row and rule."""
    index = _record_index(data)
    problems = []
    card = data.scorecard.copy()
    card["records"] = [[] if pd.isna(e) else e.split(";") for e in card["evidence"]]
    for position, row in enumerate(card.itertuples(index=False), start=2):
        where = f"data/scorecard.csv, row {position}, column 'evidence'"
        if (row.verdict == "too early to tell") != (not row.records):
            problems.append(
                f"{where}: a verdict other than 'too early to tell' names the rows it rests on; only it names none"
            )
        for record in row.records:
            if record not in index:
                problems.append(f"{where}: {record} is not a row of any data table")
            elif index[record][1] == "unconfirmed":
                problems.append(f"{where}: {record} ({index[record][0]}) is unconfirmed and cannot support a verdict")
        if row.kind == "recommendation" and row.commentary == "sceeus-2024" and pd.isna(row.recommendation_id):
            problems.append(
                f"data/scorecard.csv, row {position}, column 'recommendation_id': a SCEEUS recommendation names its row"
            )
    if problems:
        raise ScorecardError("The scorecard does not rest on the data:\n" + "\n".join(f"  - {p}" for p in problems))
    return card


def counts(card: pd.DataFrame) -> pd.DataFrame:
    """How many statements of each commentary got each verdict (every verdict a column, zeros kept)."""
    table = card.groupby(["commentary", "verdict"]).size().unstack(fill_value=0)
    return table.reindex(columns=list(VERDICTS), fill_value=0)
