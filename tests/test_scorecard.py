"""Part IV's data: the scorecard judges expectations and recommendations on separate scales, each
verdict rests on confirmed rows of the place its statement is about, and figures given in words stay words."""

from __future__ import annotations

import pytest

from belarus_book.analysis import scorecard
from belarus_book.data import datapackage

from .test_evidence import _drop_evidence


def test_every_verdict_rests_on_confirmed_rows_and_is_counted_on_its_own_scale():
    data = datapackage.load()
    card = scorecard.check(data)
    for kind, scale in scorecard.SCALES.items():
        counts = scorecard.counts(card, kind)
        assert list(counts.columns) == list(scale)
        assert int(counts.to_numpy().sum()) == int((card["kind"] == kind).sum())
        assert set(card.loc[card["kind"] == kind, "verdict"]) <= set(scale)
    # every SCEEUS recommendation of the commentary is scored
    scored = set(card["recommendation_id"].dropna())
    assert scored == set(data.recommendations["recommendation_id"])


def test_expectations_and_recommendations_are_judged_on_disjoint_scales():
    assert not set(scorecard.OUTCOMES) & set(scorecard.ADOPTION)
    assert scorecard.NO_EVIDENCE in scorecard.ADOPTION and scorecard.TOO_EARLY in scorecard.OUTCOMES


def test_too_early_to_tell_never_stands_for_a_missing_source():
    card = scorecard.check(datapackage.load())
    early = card[card["verdict"] == scorecard.TOO_EARLY]
    for reason, records in zip(early["reason"], early["records"], strict=True):
        assert records and not scorecard.MISSING_SOURCE.search(reason), reason


def test_the_spotlights_central_question_is_scored():
    card = datapackage.load().scorecard
    asked = card[(card["commentary"] == "pism-2022") & card["statement"].str.contains("army", case=False)]
    assert not asked.empty and set(asked["kind"]) == {"expectation"}


@pytest.mark.parametrize(
    "record, column, value, message",
    [
        ("EX-02", "evidence", "EV-99", "EV-99 is not a row of any data table"),
        ("EX-02", "evidence", "", "rule 'scorecard-evidence'"),
        ("EX-10", "evidence", "EV-24", "rule 'scorecard-evidence'"),  # a "no evidence found" that names a row
        # Drones over Poland do not bear on attacks on Ukraine from Belarus.
        ("EX-07", "evidence", "DV-12;EV-73;EV-74;DV-16", "DV-16 \\(developments.csv\\) happened in Poland"),
        ("EX-01", "evidence", "TR-15;EV-31", "rule 'scorecard-place'"),
        ("EX-02", "verdict", "adopted", "rule 'scorecard-scale'"),
        ("EX-09", "verdict", "too early to tell", "rule 'scorecard-scale'"),
        ("EX-14", "reason", "No source on closer relations was found.", "rule 'scorecard-too-early'"),
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
