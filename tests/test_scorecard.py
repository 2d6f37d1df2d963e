"""Part IV's data: the scorecard rests on confirmed rows, and figures given in words stay words."""

from __future__ import annotations

import pytest

from belarus_book.analysis import scorecard
from belarus_book.data import datapackage

from .test_evidence import _drop_evidence


def test_every_verdict_rests_on_confirmed_rows_and_is_counted():
    data = datapackage.load()
    card = scorecard.check(data)
    counts = scorecard.counts(card)
    assert int(counts.to_numpy().sum()) == len(card) == len(data.scorecard)
    assert set(card["verdict"]) <= set(scorecard.VERDICTS)
    # every SCEEUS recommendation of the commentary is scored
    scored = set(card["recommendation_id"].dropna())
    assert scored == set(data.recommendations["recommendation_id"])


@pytest.mark.parametrize(
    "record, column, value, message",
    [
        ("EX-02", "evidence", "EV-99", "EV-99 is not a row of any data table"),
        ("EX-02", "evidence", "", "names the rows it rests on"),
        ("EX-09", "evidence", "EV-24", "names the rows it rests on"),
    ],
)
def test_a_verdict_without_data_stops_the_build(project_copy, edit_cell, record, column, value, message):
    edit_cell(project_copy / "data", "scorecard.csv", record, column, value)
    with pytest.raises(scorecard.ScorecardError, match=message):
        scorecard.check(datapackage.load(project_copy / "data"))


def test_a_verdict_resting_on_an_unconfirmed_row_stops_the_build(project_copy, edit_cell):
    data_dir = project_copy / "data"
    _drop_evidence(data_dir, "events", "EV-24")
    edit_cell(data_dir, "events.csv", "EV-24", "confirmation", "unconfirmed")
    with pytest.raises(scorecard.ScorecardError, match="EV-24 .*unconfirmed"):
        scorecard.check(datapackage.load(data_dir))


def test_a_figure_given_only_in_words_keeps_its_words_and_no_number():
    later = datapackage.load().developments.set_index("record_id")
    worded = later[later["words"].notna()]
    assert not worded.empty
    assert worded["low"].isna().all() and worded["high"].isna().all()
    assert "Several hundred" in set(worded["words"])
