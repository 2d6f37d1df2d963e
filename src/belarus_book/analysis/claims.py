"""The claims ledger: check every checkable statement of the commentaries against the data.

A numeric claim (an amount, percentage, count or year) names a function of ``recomputations``. The
function returns the value the data give for the claim, in the claim's unit, and the worked
arithmetic as a ``phrases.Phrase`` (words with typed slots, which ``render.ledger`` writes in the
book's number formats); ``evaluate`` compares that value with the stated one.

Any other claim (a date, an event, an attribution, a comparison) is checked by its findings
(``data/findings.csv``): what independent sources say about it, each resting on a quoted passage
and marked as confirming it, confirming it only in part ('qualifies') or contradicting it. A
claim of kind 'date' is also compared, by code, with the dates its findings give.

``check`` fails on any row whose recorded status does not match what the data say, so a
discrepancy can never be silent.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from ..data import checks
from ..data.datapackage import BookData
from ..data.provenance import traced
from . import findings
from .phrases import Phrase, say
from .recomputations import REGISTRY, TO_USD_MILLION, Inputs, Recomputation


class LedgerMismatch(AssertionError):
    """A claim's recorded status disagrees with what the data say, or the ledger cannot be checked."""


def _in_claim_unit(result: Recomputation, claim) -> float:
    unit = claim.unit
    if result.unit == unit:
        return float(result.value)
    if result.unit in TO_USD_MILLION and unit in TO_USD_MILLION:
        return float(result.value) * TO_USD_MILLION[result.unit] / TO_USD_MILLION[unit]
    raise LedgerMismatch(
        f"The claims ledger cannot be checked:\n  - data/claims.csv, claim {claim.claim_id}, column 'unit', "
        f"value '{unit}': breaks rule 'convertible-unit' (its function {claim.function} gives {result.unit}, "
        "which cannot be expressed in that unit)"
    )


def reproduces(recomputed: float, stated: float, tolerance: float, qualifier: str) -> bool:
    """Whether the data reproduce a stated value, reading the commentary's qualifier literally:
    'more than' / 'at least' need the data to reach the value, 'just under' ('almost') to stay
    within the tolerance below it; otherwise the difference must be within the tolerance."""
    slack = 1e-9
    if qualifier == "more_than":
        return recomputed > stated
    if qualifier == "at_least":
        return recomputed >= stated - slack
    if qualifier == "at_most":
        return recomputed <= stated + slack
    if qualifier == "just_under":
        return stated - tolerance - slack <= recomputed <= stated + slack
    return abs(recomputed - stated) <= tolerance + slack


# The kinds of claim a function recomputes; the others are checked by their findings.
NUMERIC_KINDS = checks.NUMERIC_KINDS


def evaluate(data: BookData) -> pd.DataFrame:
    """Every ledger row with the value recomputed from the data and the status the data imply."""
    inputs = Inputs.of(data)
    rows = []
    for claim in data.claims.itertuples(index=False):
        recomputed = difference = working = found = None
        implied_status = "claim-only"
        if not claim.function:
            # Only confirmed findings count: an unconfirmed row never checks a claim.
            implied_status, working, found = findings.from_findings(claim, inputs.data.findings, data.sources)
        else:
            if claim.function not in REGISTRY:
                raise LedgerMismatch(
                    f"The claims ledger cannot be checked:\n  - data/claims.csv, claim {claim.claim_id}, column "
                    f"'function', value '{claim.function}': breaks rule 'known-function' (no recomputation of that "
                    "name in belarus_book.analysis.recomputations; name one of its REGISTRY, or leave it empty)"
                )
            try:
                result = REGISTRY[claim.function](inputs, data.claims, claim.stated_value)
            except LookupError as missing:
                # The rows it needs are absent or unconfirmed: nothing confirmed checks the claim.
                working = say("no confirmed row to recompute from ({})", str(missing))
            else:
                recomputed = _in_claim_unit(result, claim)
                difference = recomputed - claim.stated_value
                working = result.working
                ok = reproduces(recomputed, claim.stated_value, claim.tolerance, claim.qualifier)
                implied_status = ("partly" if result.partly else "reproduced") if ok else "discrepancy"
                if result.partly and ok:
                    working = say("{}; partly: {}", working, result.partly)
        rows.append(
            {
                **claim._asdict(),
                "recomputed": recomputed,
                "found": found if recomputed is None else None,
                "difference": difference,
                "working": working,
                "implied_status": implied_status,
            }
        )
    return pd.DataFrame(rows)


# Tables whose rows a claim can point to, with the columns that may hold the stated value.
CLAIM_RECORD_TABLES = {
    "TF": ("trade_flows", "record_id", ["value"]),
    "TR": ("troop_estimates", "record_id", ["low", "high"]),
    "EQ": ("equipment_transfers", "record_id", ["value"]),
    "DC": ("diplomatic_channel", "record_id", ["people"]),
    "AF": ("armed_forces", "record_id", ["value"]),
}


def _record_problem(data: BookData, row) -> str | None:
    """Check that a claim's data_record is that commentary's claim and records the stated value."""
    table_name, key, value_columns = CLAIM_RECORD_TABLES[row.data_record.split("-")[0]]
    table = getattr(data, table_name).set_index(key)
    where = f"data/claims.csv, claim {row.claim_id}, column 'data_record'"
    if row.data_record not in table.index:
        return f"{where}: {row.data_record} is not in data/{table_name}.csv"
    record = table.loc[row.data_record]
    if record["basis"] != "commentary_claim" or record["source_id"] != row.commentary:
        return f"{where}: {row.data_record} is not a claim of {row.commentary}"
    scale = TO_USD_MILLION.get(record.get("unit"), 1.0) / TO_USD_MILLION.get(row.unit, 1.0)
    recorded = [float(record[c]) * scale for c in value_columns if pd.notna(record[c])]
    if not any(abs(value - row.stated_value) < 1e-9 for value in recorded):
        return (
            f"{where}: stated value {_shown(row.stated_value)} is not recorded in {table_name} {row.data_record} "
            f"(it records {', '.join(_shown(v) for v in recorded) or 'no value'})"
        )
    if "qualifier" in record and record["qualifier"] != row.qualifier:
        return f"{where}: qualifier '{row.qualifier}' differs from that of {table_name} {row.data_record}"
    return None


def _shown(value) -> str:
    """A value in a message: a number as written, a missing one as 'none' (never nan or None)."""
    return "none" if value is None or pd.isna(value) else f"{value:g}"


def check(data: BookData, spell: Callable[[Phrase], str] = Phrase.plain) -> pd.DataFrame:
    """Evaluate the ledger and fail on any silent mismatch; return the evaluated ledger. ``spell``
    writes a working in a message (the render layer passes the book's formats: ``render.ledger``)."""
    ledger = evaluate(data)
    problems = []
    for row in ledger.itertuples(index=False):
        if row.status != row.implied_status:
            problems.append(
                f"data/claims.csv, claim {row.claim_id}, column 'status', value '{row.status}': breaks rule "
                "'claim-status' (the data give "
                + (
                    f"'{row.implied_status}': stated {_shown(row.stated_value)} {row.unit}, recomputed "
                    f"{_shown(row.recomputed)}, tolerance {_shown(row.tolerance)}; {spell(row.working)})"
                    if isinstance(row.function, str) and row.function
                    else f"'{row.implied_status}' from its findings: "
                    f"{spell(row.working) if isinstance(row.working, Phrase) else 'none in data/findings.csv'})"
                )
            )
        if pd.notna(row.data_record) and (problem := _record_problem(data, row)):
            problems.append(problem)
    if problems:
        raise LedgerMismatch("The claims ledger disagrees with the data:\n" + "\n".join(f"  - {p}" for p in problems))
    # Its values (stated values, statuses) are handed out traced to data/claims.csv.
    return traced(ledger, "claims", "claim_id")
