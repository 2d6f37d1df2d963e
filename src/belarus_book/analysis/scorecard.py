"""The scorecard: the commentaries' expectations and recommendations held against what happened.

Expectations and recommendations are judged on two different scales. An expectation is scored
on its outcome (happened, partly, did not happen, too early to tell); a recommendation on whether
it was taken up (adopted, partly adopted, not adopted, no evidence found). ``check`` makes sure
that each row's verdict belongs to its kind's scale; that every verdict but 'no evidence found'
names the data rows it rests on, each of which exists and is confirmed by its source; that
'too early to tell' gives a reason other than a missing source (a missing source is 'no
evidence found', or no verdict at all); that a row naming the place its statement is about rests
only on rows of that place, where the data say where they happened; and that a SCEEUS
recommendation points to its row of ``recommendations.csv``.
"""

from __future__ import annotations

import re

import pandas as pd

from ..data.datapackage import BookData

OUTCOMES = ("happened", "partly", "did not happen", "too early to tell")
ADOPTION = ("adopted", "partly adopted", "not adopted", "no evidence found")
SCALES = {"expectation": OUTCOMES, "recommendation": ADOPTION}
VERDICTS = OUTCOMES + ADOPTION
NO_EVIDENCE = "no evidence found"
TOO_EARLY = "too early to tell"
# A reason that only reports a missing source: never enough for 'too early to tell'.
MISSING_SOURCE = re.compile(r"\bno (stored )?(source|evidence|report)\b|\bnot found\b|\bwas found\b", re.IGNORECASE)


class ScorecardError(ValueError):
    """A scorecard row whose verdict does not rest on confirmed data."""


def _record_index(data: BookData) -> dict[str, tuple[str, str, str | None]]:
    """Every row identifier of the confirmation tables: its file, confirmation and place (if the
    table says where its rows happened)."""
    index = {}
    for name, table in data.confirmation_tables().items():
        places = table["place"] if "place" in table.columns else pd.Series([None] * len(table))
        for record, confirmation, place in zip(table.iloc[:, 0], table["confirmation"], places, strict=True):
            index[record] = (f"{name}.csv", confirmation, place if isinstance(place, str) and place else None)
    return index


def _names(cell) -> list[str]:
    return [] if pd.isna(cell) or not str(cell).strip() else str(cell).split(";")


def _row_problems(position: int, row, index) -> list[str]:
    where = f"data/scorecard.csv, row {position}"
    problems = []
    scale = SCALES[row.kind]
    if row.verdict not in scale:
        problems.append(
            f"{where}, column 'verdict': breaks rule 'scorecard-scale': {row.verdict!r} is not on the scale of an"
            f" {row.kind} ({', '.join(scale)})"
        )
    if (row.verdict == NO_EVIDENCE) != (not row.records):
        problems.append(
            f"{where}, column 'evidence': breaks rule 'scorecard-evidence': every verdict but"
            f" '{NO_EVIDENCE}' names the rows it rests on, and that one names none"
        )
    if row.verdict == TOO_EARLY and MISSING_SOURCE.search(str(row.reason)):
        problems.append(
            f"{where}, column 'reason': breaks rule 'scorecard-too-early': '{TOO_EARLY}' needs a reason other"
            f" than a missing source (that is '{NO_EVIDENCE}')"
        )
    places = set(_names(row.place))
    for record in row.records:
        if record not in index:
            problems.append(f"{where}, column 'evidence': {record} is not a row of any data table")
            continue
        file, confirmation, place = index[record]
        if confirmation == "unconfirmed":
            problems.append(
                f"{where}, column 'evidence': {record} ({file}) is unconfirmed and cannot support a verdict"
            )
        if places and place and place not in places:
            problems.append(
                f"{where}, column 'evidence': breaks rule 'scorecard-place': {record} ({file}) happened in"
                f" {place}, and the statement is about {' or '.join(sorted(places))}"
            )
    if row.kind == "recommendation" and row.commentary == "sceeus-2024" and pd.isna(row.recommendation_id):
        problems.append(f"{where}, column 'recommendation_id': a SCEEUS recommendation names its row")
    return problems


def check(data: BookData) -> pd.DataFrame:
    """The scorecard, with each row's evidence as a list; raise ScorecardError naming the row and rule."""
    index = _record_index(data)
    card = data.scorecard.copy()
    if "place" not in card.columns:
        card["place"] = None
    card["records"] = [_names(e) for e in card["evidence"]]
    problems = [
        problem
        for position, row in enumerate(card.itertuples(index=False), start=2)
        for problem in _row_problems(position, row, index)
    ]
    if problems:
        raise ScorecardError("The scorecard does not rest on the data:\n" + "\n".join(f"  - {p}" for p in problems))
    return card


def counts(card: pd.DataFrame, kind: str) -> pd.DataFrame:
    """How many statements of one kind each commentary has on each verdict of that kind's scale
    (every verdict a column, zeros kept; a commentary with none of that kind is left out)."""
    scale = SCALES[kind]
    table = card[card["kind"] == kind].groupby(["commentary", "verdict"]).size().unstack(fill_value=0)
    return table.reindex(columns=list(scale), fill_value=0)


# The themes the synthesis compares the commentaries on, in its order, as its table names them.
THEMES = {
    "economy": "The economy and dependence on Russia",
    "forces": "Russian forces and deterrence",
    "nuclear": "The nuclear file",
    "sanctions": "Sanctions",
    "channel": "The channel between Kyiv, Minsk and Moscow",
    "democratic forces": "The democratic forces",
}


def by_theme(card: pd.DataFrame, commentary: str) -> pd.Series:
    """One commentary's statements on each theme, each with its kind and verdict ('... : happened'),
    joined; every theme of ``THEMES`` present, empty where the commentary says nothing on it."""
    rows = card[card["commentary"] == commentary]
    joined = {
        theme: "; ".join(
            f"{row.statement} ({row.kind}: {row.verdict})" for row in rows[rows["theme"] == theme].itertuples()
        )
        for theme in THEMES
    }
    return pd.Series(joined, name=commentary)
