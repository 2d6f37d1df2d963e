"""The synthesis as a reader meets it: one row per theme, each commentary's statements on it with
the scorecard's verdicts, and the record at the cut-off the front page states; a paragraph per theme."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from belarus_book.analysis import coverage, scorecard
from belarus_book.data import datapackage
from belarus_book.render.formatting import month


def _themes_table(built: Path):
    html = (built / "_build" / "html" / "chapters" / "synthesis.html").read_text(encoding="utf-8")
    article = BeautifulSoup(html, "html.parser").find("article")
    table = next(t for t in article.select("table") if "Theme" in t.get_text())
    cells = [[" ".join(c.get_text(" ").split()) for c in row.find_all(["th", "td"])] for row in table.select("tr")]
    return article, cells[0], {row[0]: row[1:] for row in cells[1:]}


def test_every_theme_is_a_row_with_both_commentaries_verdicts_and_the_record_at_the_cut_off(built_project):
    data = datapackage.load(built_project / "data")
    card = scorecard.check(data)
    article, header, rows = _themes_table(built_project)
    assert header[-1] == f"The record by {month(coverage.cut_off(data))}"
    assert list(rows) == list(scorecard.THEMES.values())
    columns = {"pism-2022": 0, "sceeus-2024": 1}
    for statement in card.itertuples():
        cell = rows[scorecard.THEMES[statement.theme]][columns[statement.commentary]]
        assert f"{statement.statement} ({statement.kind}: {statement.verdict})" in cell, statement.record_id
    assert all(row[2] and row[2] != "Not addressed" for row in rows.values()), "a theme without its record"
    # A section of argument per theme, each opening with a sentence, not a table.
    headings = [h.get_text(" ", strip=True) for h in article.select("section > h2")]
    assert len(headings) >= len(scorecard.THEMES), headings


def test_every_statement_of_the_scorecard_has_a_theme_and_every_theme_a_statement():
    card = datapackage.load().scorecard
    assert set(card["theme"]) == set(scorecard.THEMES)
