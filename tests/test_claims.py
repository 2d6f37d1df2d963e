"""The claims ledger: every claim recomputed, statuses pinned, no silent mismatch."""

from __future__ import annotations

import csv

import pytest

from belarus_book.analysis import claims
from belarus_book.analysis.claims import LedgerMismatch
from belarus_book.data import datapackage, problems
from belarus_book.render.ledger import checked_ledger

from .conftest import edit_quoted_figure


def test_ledger_matches_the_data():
    ledger = checked_ledger(datapackage.load())
    assert len(ledger) == len(datapackage.load().claims)


def test_every_named_function_exists_and_every_function_is_used():
    used = set(datapackage.load().claims["function"].dropna())
    assert used == set(claims.REGISTRY)


# The status of each discrepancy is part of what the book says; changing one must be deliberate.
PINNED_STATUS = {
    "SC-SUM-01": "reproduced",
    "SC-ECO-01": "discrepancy",
    "SC-ECO-02": "reproduced",
    "SC-ECO-03": "reproduced",
    "SC-ECO-04": "reproduced",
    "SC-ECO-05": "reproduced",
    "SC-ECO-06": "discrepancy",
    "SC-ECO-07": "discrepancy",
    "SC-ECO-08": "claim-only",
    "SC-ECO-09": "discrepancy",
    "SC-ECO-10": "discrepancy",
    "SC-ECO-11": "claim-only",
    "SC-ECO-12": "claim-only",
    "SC-ECO-13": "claim-only",
    "SC-ECO-14": "claim-only",
    "SC-ECO-15": "claim-only",
    "SC-ECO-16": "claim-only",
    "SC-ECO-17": "partly",
    "SC-ECO-18": "partly",
    "SC-ECO-19": "partly",
    "SC-ECO-20": "reproduced",
    "SC-ECO-21": "reproduced",
    "SC-ECO-22": "reproduced",
    "SC-POL-01": "reproduced",
    "SC-POL-02": "reproduced",
    "SC-POL-03": "partly",
    "SC-POL-04": "reproduced",
    "SC-POL-05": "partly",
    "SC-POL-06": "reproduced",
    "SC-POL-07": "reproduced",
    "SC-SEC-01": "partly",
    "SC-SEC-02": "discrepancy",
    "SC-SEC-03": "reproduced",
    "SC-SEC-04": "reproduced",
    "SC-SEC-05": "reproduced",
    "SC-SEC-06": "claim-only",
    "SC-SEC-07": "partly",
    "SC-SEC-08": "partly",
    "SC-SEC-09": "partly",
    "SC-SEC-10": "reproduced",
    "SC-SEC-11": "reproduced",
    "SC-SEC-12": "reproduced",
    "SC-SEC-13": "reproduced",
    "SC-SEC-14": "partly",
    "SC-SEC-15": "partly",
    "SC-DEM-01": "claim-only",
    "SC-DEM-02": "reproduced",
    "PI-MIL-01": "reproduced",
    "PI-MIL-02": "partly",
    "PI-MIL-03": "partly",
    "PI-MIL-04": "partly",
    "PI-PAR-01": "reproduced",
    "PI-PAR-02": "reproduced",
    "PI-PAR-03": "reproduced",
    "PI-PAR-04": "partly",
    "PI-PAR-05": "reproduced",
    "PI-PAR-06": "partly",
    "PI-COO-01": "reproduced",
    "PI-COO-02": "reproduced",
    "PI-COO-03": "reproduced",
    "PI-COO-04": "partly",
    "PI-COO-05": "reproduced",
    "PI-CON-01": "reproduced",
    "PI-CON-02": "reproduced",
    "PI-CON-03": "reproduced",
    "PI-CON-04": "reproduced",
    "PI-CON-05": "partly",
    "PI-POL-01": "partly",
    "PI-POL-02": "reproduced",
}


def test_statuses_are_pinned():
    ledger = checked_ledger(datapackage.load()).set_index("claim_id")
    assert ledger["status"].to_dict() == PINNED_STATUS


def _raw(path):
    with open(path, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_recomputed_values_agree_with_an_independent_calculation():
    """Recompute the economy discrepancies from the raw CSV, without the package's code."""
    rows = _raw(datapackage.DATA_DIR / "trade_flows.csv")
    scale = {"USD billion": 1000.0, "USD million": 1.0}

    def value(**match):
        (row,) = [r for r in rows if all(r[k] == v for k, v in match.items())]
        return float(row["value"]) * scale[row["unit"]]

    claim_2021 = dict(basis="commentary_claim", period_start="2021-01", period_end="2021-12")
    claim_2022 = dict(basis="commentary_claim", period_start="2022-01", period_end="2022-12")
    by_exports = value(direction="belarus_to_ukraine", **claim_2021)
    ua_exports = value(direction="ukraine_to_belarus", **claim_2021)
    expected = {
        "SC-ECO-06": (1 - value(direction="turnover", **claim_2022) / (by_exports + ua_exports)) * 100,
        "SC-ECO-07": (1 - value(direction="belarus_to_ukraine", **claim_2022) / by_exports) * 100,
        "SC-ECO-09": (1 - value(direction="ukraine_to_belarus", **claim_2022) / ua_exports) * 100,
        "SC-ECO-10": value(direction="turnover", **claim_2022) - value(direction="belarus_to_ukraine", **claim_2022),
        "SC-ECO-04": value(
            direction="belarus_to_ukraine",
            reporter="Belarus",
            headline="true",
            period_start="2021-01",
            period_end="2021-12",
        )
        - value(
            direction="ukraine_to_belarus",
            reporter="Ukraine",
            headline="true",
            period_start="2021-01",
            period_end="2021-12",
        ),
    }
    ledger = checked_ledger(datapackage.load()).set_index("claim_id")
    for claim_id, number in expected.items():
        unit = ledger.loc[claim_id, "unit"]
        assert ledger.loc[claim_id, "recomputed"] == pytest.approx(number / scale.get(unit, 1.0)), claim_id


def test_a_wrong_status_fails(project_copy, edit_cell):
    edit_cell(project_copy / "data", "claims.csv", "SC-ECO-06", "status", "reproduced")
    with pytest.raises(
        LedgerMismatch, match="SC-ECO-06.*value 'reproduced': breaks rule 'claim-status' [(]the data give 'discrepancy'"
    ):
        checked_ledger(datapackage.load(project_copy / "data"))


def test_data_that_stop_reproducing_a_claim_fail(project_copy, edit_cell):
    # Ukraine's 2021 exports to Belarus back the commentary's $1.5 billion; change them and the claim breaks.
    edit_cell(project_copy / "data", "trade_flows.csv", "TF-24", "value", "1.7")
    # ... and the source's words with it, so that the evidence check passes and the ledger is what fails.
    edit_quoted_figure(project_copy / "data", "trade_flows", "TF-24", "1,5 млрд", "1,7 млрд")
    with pytest.raises(LedgerMismatch, match="SC-ECO-02"):
        checked_ledger(datapackage.load(project_copy / "data"))


def test_a_ledger_value_that_differs_from_the_recorded_claim_fails(project_copy, edit_cell):
    edit_cell(project_copy / "data", "claims.csv", "SC-ECO-11", "stated_value", "534.2")
    with pytest.raises(LedgerMismatch, match="SC-ECO-11.*is not recorded in trade_flows TF-33"):
        checked_ledger(datapackage.load(project_copy / "data"))


def test_explanations_claims_and_findings_carry_no_typed_numbers():
    from belarus_book.render.prose import typed_numbers

    data = datapackage.load()
    for row in data.claims.itertuples():
        assert typed_numbers(row.explanation) == [], row.claim_id
        assert typed_numbers(row.claim) == [], row.claim_id
    for row in data.findings.itertuples():
        assert typed_numbers(row.finding) == [], row.finding_id


def test_the_ledger_covers_statements_of_every_kind():
    kinds = set(datapackage.load().claims["kind"])
    assert {"amount", "percentage", "count", "year", "date", "event", "attribution", "comparison"} <= kinds


@pytest.mark.parametrize("bearing, status", [("contradicts", "discrepancy"), ("qualifies", "partly")])
def test_a_finding_that_no_longer_confirms_changes_the_status(project_copy, edit_cell, bearing, status):
    # SC-POL-06 (children taken to Belarus) rests on two confirming findings.
    edit_cell(project_copy / "data", "findings.csv", "FN-19", "bearing", bearing)
    with pytest.raises(
        LedgerMismatch, match=f"SC-POL-06.*value 'reproduced': breaks rule 'claim-status' [(]the data give '{status}'"
    ):
        checked_ledger(datapackage.load(project_copy / "data"))


def test_a_date_the_sources_do_not_give_is_a_discrepancy(project_copy, edit_cell):
    # The commentary's month for Lukashenka's visit, moved by one: no source dates the visit so.
    edit_cell(project_copy / "data", "claims.csv", "PI-COO-01", "stated_date", "2022-04")
    with pytest.raises(LedgerMismatch, match="PI-COO-01.*'discrepancy'.*stated April 2022, sources give 11 March 2022"):
        checked_ledger(datapackage.load(project_copy / "data"))


def test_an_unconfirmed_finding_checks_nothing(project_copy, edit_cell):
    """SC-SEC-11 rests on one finding: mark it unconfirmed (and drop its passage) and the claim is claim-only."""
    from .test_evidence import _drop_evidence

    data_dir = project_copy / "data"
    (finding,) = datapackage.load().findings.query("claim_id == 'SC-SEC-11'")["finding_id"]
    _drop_evidence(data_dir, "findings", finding)
    edit_cell(data_dir, "findings.csv", finding, "confirmation", "unconfirmed")
    with pytest.raises(
        LedgerMismatch, match="SC-SEC-11.*value 'reproduced': breaks rule 'claim-status' [(]the data give 'claim-only'"
    ):
        checked_ledger(datapackage.load(data_dir))


@pytest.mark.parametrize(
    "claim_id, column, value, note",
    [
        ("SC-SEC-11", "stated_value", "3", "a claim of kind 'event' has no stated_value"),
        ("SC-ECO-02", "stated_value", "", "a claim of kind 'amount' needs a stated_value"),
        ("PI-COO-01", "stated_date", "", "a date claim, and only a date claim, states a stated_date"),
        ("SC-ECO-02", "tolerance", "", "a function and its tolerance come together"),
    ],
)
def test_claim_fields_must_fit_the_claim_kind(project_copy, edit_cell, claim_id, column, value, note):
    edit_cell(project_copy / "data", "claims.csv", claim_id, column, value)
    with pytest.raises(problems.DataValidationError) as raised:
        datapackage.load(project_copy / "data")
    assert "data/claims.csv" in str(raised.value) and note in str(raised.value) and column in str(raised.value)
