"""Every data row rests on its source's own words: the figure parser, and the evidence check
on the real data and on copies with one value, one quote or one figure text changed."""

from __future__ import annotations

import csv
import io

import pytest

from belarus_book.analysis import claims
from belarus_book.data import datapackage, evidence
from belarus_book.data.figures import FigureError, parse_date, parse_figure
from belarus_book.data.problems import DataValidationError
from belarus_book.render.ledger import checked_ledger

# (figure text as a source writes it, language, values read in plain units, percentage?, qualifier)
SPELLINGS = [
    # English
    ("$5.4 billion", "en", (5.4e9,), False, None),
    ("$1.5bn", "en", (1.5e9,), False, None),
    ("5.400", "en", (5.4,), False, None),
    ("5,400", "en", (5400,), False, None),
    ("131,582 tonnes", "en", (131582,), False, None),
    ("$543.2 million", "en", (543.2e6,), False, None),
    ("around $7 million", "en", (7e6,), False, "approximately"),
    ("more than 40,000 troops", "en", (40000,), False, "more_than"),
    ("no more than 10,000", "en", (10000,), False, "at_most"),
    ("10,000 troops at most", "en", (10000,), False, "at_most"),
    ("almost 132,000 tonnes", "en", (132000,), False, "just_under"),
    ("just under $1.4 billion", "en", (1.4e9,), False, "just_under"),
    ("fast approaching 30,000", "en", (30000,), False, "just_under"),
    ("up to 9,000", "en", (9000,), False, "at_most"),
    ("at least a third", "en", (100 / 3,), True, "at_least"),
    ("by even 20%", "en", (20,), True, "at_most"),
    ("9,000-10,000", "en", (9000, 10000), False, None),
    ("between 30,000 and 40,000", "en", (30000, 40000), False, None),
    ("$16-$18 billion", "en", (16e9, 18e9), False, None),
    ("10-12 thousand", "en", (10000, 12000), False, None),
    ("-19.6%", "en", (-19.6,), True, None),
    ("41.87 percent", "en", (41.87,), True, None),
    ("five", "en", (5,), False, None),
    ("over $46.5 bln", "en", (46.5e9,), False, "more_than"),
    # Ukrainian
    ("1,5 млрд", "uk", (1.5e9,), False, None),
    ("2,1 тис.", "uk", (2100,), False, None),
    ("півтора", "uk", (1.5,), False, None),
    ("41,87%", "uk", (41.87,), True, None),
    ("понад 50", "uk", (50,), False, "more_than"),
    ("майже 5 тисяч", "uk", (5000,), False, "just_under"),
    ("4,5 млрд доларів", "uk", (4.5e9,), False, None),
    ("п'ять", "uk", (5,), False, None),
    ("131 582", "uk", (131582,), False, None),
    # Russian
    ("5,4 млрд", "ru", (5.4e9,), False, None),
    ("около 5,5 млрд долларов", "ru", (5.5e9,), False, "approximately"),
    ("$38,5 млрд", "ru", (38.5e9,), False, None),
    ("131\u00a0582 тонны", "ru", (131582,), False, None),
    ("более 30 тысяч", "ru", (30000,), False, "more_than"),
    ("полтора миллиарда", "ru", (1.5e9,), False, None),
    ("5.4 млрд", "ru", (5.4e9,), False, None),
    ("до пяти", "ru", (5,), False, None),
    # Belarusian
    ("5,4 млрд даляраў", "be", (5.4e9,), False, None),
    ("каля 2 тыс.", "be", (2000,), False, "approximately"),
    ("паўтара", "be", (1.5,), False, None),
    # Polish
    ("ok. 2,1 tys.", "pl", (2100,), False, "approximately"),
    ("13,6%", "pl", (13.6,), True, None),
    ("14 mld USD", "pl", (14e9,), False, None),
    ("30 proc.", "pl", (30,), True, None),
    ("ponad 30 tys.", "pl", (30000,), False, "more_than"),
    ("siedem podmiotów", "pl", (7,), False, None),
    ("2 500", "pl", (2500,), False, None),
    # German
    ("5.400", "de", (5400,), False, None),
    ("$57,6 Mrd.", "de", (57.6e9,), False, None),
    ("3,6 %", "de", (3.6,), True, None),
    ("rund 1,2 Mio.", "de", (1.2e6,), False, "approximately"),
    ("mehr als 40.000", "de", (40000,), False, "more_than"),
    # Spanish, Chinese (sources in data/)
    ("29.741 toneladas", "es", (29741,), False, None),
    ("94,4 mil millones", "es", (94.4e9,), False, None),
    ("55 亿美元", "zh", (5.5e9,), False, None),
]


@pytest.mark.parametrize(("text", "language", "values", "is_percent", "qualifier"), SPELLINGS)
def test_figure_spellings(text, language, values, is_percent, qualifier):
    figure = parse_figure(text, language)
    assert figure.values == pytest.approx(values)
    assert figure.percent is is_percent
    assert figure.qualifier == qualifier


def test_at_least_fifty_spellings_in_six_languages():
    assert len(SPELLINGS) >= 50
    assert {"en", "uk", "ru", "be", "pl", "de"} <= {language for _, language, *_ in SPELLINGS}


DATES = [
    ("11 March", "en", (None, 3, 11)),
    ("Feb. 26", "en", (None, 2, 26)),
    ("Dec. 6, 2024", "en", (2024, 12, 6)),
    ("December 2020", "en", (2020, 12, None)),
    ("during October 2022", "en", (2022, 10, None)),
    ("2021", "en", (2021, None, None)),
    ("11 марта", "ru", (None, 3, 11)),
    ("19 октября", "ru", (None, 10, 19)),
    ("26 лютого 2023", "uk", (2023, 2, 26)),
    ("3 червня", "uk", (None, 6, 3)),
    ("12 września 2025", "pl", (2025, 9, 12)),
    ("17. Dezember", "de", (None, 12, 17)),
    ("12 сакавіка", "be", (None, 3, 12)),
]


@pytest.mark.parametrize(("text", "language", "parts"), DATES)
def test_date_spellings(text, language, parts):
    read = parse_date(text, language)
    assert (read.year, read.month, read.day) == parts


def test_a_date_agrees_only_with_what_it_says():
    march_11 = parse_date("11 March", "en")
    assert march_11.agrees_with("2022-03-11")
    assert not march_11.agrees_with("2022-03-12")
    assert parse_date("March 2022", "en").agrees_with("2022-03")
    assert not parse_date("March 2022", "en").agrees_with("2022-03-11")  # the data may not be more precise


def test_unreadable_figures_are_refused():
    with pytest.raises(FigureError):
        parse_figure("several", "en")
    with pytest.raises(FigureError):
        parse_figure("5", "xx")


# --- the evidence check on the real data --------------------------------------------------


def test_every_row_is_quoted_derived_or_unconfirmed():
    assert evidence.check(datapackage.DATA_DIR) == []
    for name, table in datapackage.load().confirmation_tables().items():
        assert set(table["confirmation"]) <= set(evidence.CONFIRMATIONS), name


def test_every_figure_text_is_inside_its_quote():
    for row in datapackage.load().evidence.itertuples():
        if row.quote:
            assert " ".join(row.figure_text.split()) in " ".join(row.quote.split()), row


# --- copies with one thing changed ----------------------------------------------------------


def _edit_evidence(data_dir, resource, record, column, change):
    path = data_dir / "evidence.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    matched = [r for r in rows if r["resource"] == resource and r["record_id"] == record]
    assert matched, (resource, record)
    matched[0][column] = change(matched[0][column])
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return rows.index(matched[0]) + 2


def _drop_evidence(data_dir, resource, record):
    path = data_dir / "evidence.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(f"{resource},{record},")]
    assert len(kept) < len(lines), (resource, record)
    path.write_text("".join(kept), encoding="utf-8")


def _problems(data_dir) -> str:
    with pytest.raises(DataValidationError) as caught:
        datapackage.validate(data_dir)
    return str(caught.value)


def test_a_changed_value_fails_with_the_disagreeing_words(project_copy, edit_cell):
    data_dir = project_copy / "data"
    edit_cell(data_dir, "trade_flows.csv", "TF-18", "value", "5.5")
    message = _problems(data_dir)
    assert "data/evidence.csv, row" in message
    assert "'evidence-value'" in message
    assert "'$5.4 billion' reads 5.4 USD billion, but trade_flows TF-18 records 5.5" in message


def test_a_changed_quote_fails(project_copy):
    data_dir = project_copy / "data"
    row = _edit_evidence(data_dir, "trade_flows", "TF-18", "quote", lambda q: q.replace("$5.4 billion", "$4.5 billion"))
    message = _problems(data_dir)
    assert f"data/evidence.csv, row {row}, column 'figure_text', value '$5.4 billion'" in message
    assert "'figure-in-quote'" in message


def test_a_changed_figure_text_fails(project_copy):
    data_dir = project_copy / "data"
    _edit_evidence(data_dir, "troop_estimates", "TR-13", "figure_text", lambda _: "30,000")
    message = _problems(data_dir)
    assert "'evidence-value'" in message and "troop_estimates TR-13" in message


def test_a_changed_date_fails(project_copy, edit_cell):
    data_dir = project_copy / "data"
    edit_cell(data_dir, "events.csv", "EV-20", "date", "2022-03-12")
    message = _problems(data_dir)
    assert "'evidence-date'" in message and "events EV-20 has date 2022-03-12" in message


def test_a_changed_qualifier_fails(project_copy, edit_cell):
    data_dir = project_copy / "data"
    edit_cell(data_dir, "troop_estimates.csv", "TR-03", "qualifier", "more_than")
    message = _problems(data_dir)
    assert "'evidence-qualifier'" in message and "troop_estimates TR-03 says more than" in message


def test_a_row_without_evidence_must_be_marked_unconfirmed(project_copy):
    data_dir = project_copy / "data"
    _drop_evidence(data_dir, "trade_flows", "TF-18")
    message = _problems(data_dir)
    assert "data/trade_flows.csv, row 19, column 'confirmation'" in message
    assert "'evidence-missing'" in message


def test_no_claim_is_reproduced_by_an_unconfirmed_row(project_copy, edit_cell):
    """Mark the row behind a reproduced claim unconfirmed (and drop its evidence): the ledger must refuse it."""
    data_dir = project_copy / "data"
    _drop_evidence(data_dir, "trade_flows", "TF-18")
    edit_cell(data_dir, "trade_flows.csv", "TF-18", "confirmation", "unconfirmed")
    data = datapackage.load(data_dir)
    with pytest.raises(
        claims.LedgerMismatch, match=r"SC-ECO-03, column 'status', value 'reproduced': breaks rule 'claim-status'"
    ):
        checked_ledger(data)


def test_the_unconfirmed_rows_never_reproduce_a_claim_in_the_real_ledger():
    data = datapackage.load()
    unconfirmed = set(data.unconfirmed()["record"])
    ledger = checked_ledger(data)
    assert not ledger[ledger["status"].isin(["reproduced", "partly"]) & ledger["data_record"].isin(unconfirmed)].shape[
        0
    ]
