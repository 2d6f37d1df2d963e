"""The claims ledger: recompute every quantitative claim of the commentaries from the data.

Each row of ``data/claims.csv`` names a function registered here. The function returns the
value the data give for the claim, in the claim's unit, and the worked arithmetic as text.
``evaluate`` compares that value with the stated one; ``check`` fails on any row whose
recorded status does not match what the data say, so a discrepancy can never be silent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from . import trade
from .datapackage import BookData
from .formatting import percent, usd, year


@dataclass(frozen=True)
class Recomputation:
    value: float
    unit: str
    working: str


# (prepared trade flows, claims ledger, stated value) -> Recomputation
Recompute = Callable[[pd.DataFrame, pd.DataFrame, float], Recomputation]
REGISTRY: dict[str, Recompute] = {}
TO_USD_MILLION = trade.USD_MILLIONS_PER_UNIT


def recomputes(function: Recompute) -> Recompute:
    REGISTRY[function.__name__] = function
    return function


Y2021, Y2022 = trade.year_period(2021), trade.year_period(2022)


@recomputes
def peak_turnover_year(flows, claims, stated):
    history = trade.annual_turnover_history(flows)
    peak = trade.peak_year(history, "Belarus")
    in_2021 = trade.reported(flows, "turnover", Y2021, "Belarus")
    working = (
        f"highest Belarus-reported full-year turnover: {usd(peak['value_usd_m'])} in {year(peak['year'])}, "
        f"against {usd(in_2021['value_usd_m'])} in 2021"
    )
    return Recomputation(peak["year"], "year", working)


@recomputes
def exports_to_belarus_2021_ukraine_reported(flows, claims, stated):
    row = trade.reported(flows, "ukraine_to_belarus", Y2021, "Ukraine")
    return Recomputation(
        row["value_usd_m"], "USD million", f"Ukraine-reported exports to Belarus, 2021: {usd(row['value_usd_m'])}"
    )


@recomputes
def exports_to_ukraine_2021_belarus_reported(flows, claims, stated):
    row = trade.reported(flows, "belarus_to_ukraine", Y2021, "Belarus")
    return Recomputation(
        row["value_usd_m"], "USD million", f"Belarus-reported exports to Ukraine, 2021: {usd(row['value_usd_m'])}"
    )


@recomputes
def surplus_2021_as_paired(flows, claims, stated):
    by_exports = trade.reported(flows, "belarus_to_ukraine", Y2021, "Belarus")["value_usd_m"]
    ua_exports = trade.reported(flows, "ukraine_to_belarus", Y2021, "Ukraine")["value_usd_m"]
    ua_imports = trade.reported(flows, "belarus_to_ukraine", Y2021, "Ukraine")["value_usd_m"]
    working = (
        f"{usd(by_exports)} (Belarus-reported exports) − {usd(ua_exports)} (Ukraine-reported exports) "
        f"= {usd(by_exports - ua_exports)}; on Ukraine's figures alone: "
        f"{usd(ua_imports)} − {usd(ua_exports)} = {usd(ua_imports - ua_exports)}"
    )
    return Recomputation(by_exports - ua_exports, "USD million", working)


@recomputes
def turnover_2022_ukraine_reported(flows, claims, stated):
    row = trade.reported(flows, "turnover", Y2022, "Ukraine")
    return Recomputation(
        row["value_usd_m"], "USD million", f"Ukraine-reported turnover, 2022: {usd(row['value_usd_m'])}"
    )


def _fall_working(before, after, stated, alternative_before, alternative_label):
    implied_base = after / (1 - stated / 100)
    return (
        f"1 − {usd(after)} ÷ {usd(before)} = {percent(trade.fall_percent(before, after))}; "
        f"a fall of {percent(stated)} implies a 2021 base of "
        f"{usd(after)} ÷ (1 − {percent(stated)}) = {usd(implied_base)}; "
        f"against the {alternative_label} of {usd(alternative_before)} the fall is "
        f"{percent(trade.fall_percent(alternative_before, after))}"
    )


@recomputes
def turnover_fall_2022(flows, claims, stated):
    base_2021 = (
        trade.claimed(flows, "ukraine_to_belarus", Y2021)["value_usd_m"]
        + trade.claimed(flows, "belarus_to_ukraine", Y2021)["value_usd_m"]
    )
    in_2022 = trade.claimed(flows, "turnover", Y2022)["value_usd_m"]
    ukraine_2021 = trade.reported(flows, "turnover", Y2021, "Ukraine")["value_usd_m"]
    working = _fall_working(base_2021, in_2022, stated, ukraine_2021, "Ukraine-reported 2021 turnover")
    return Recomputation(trade.fall_percent(base_2021, in_2022), "percent", working)


@recomputes
def belarus_to_ukraine_fall_2022(flows, claims, stated):
    base_2021 = trade.claimed(flows, "belarus_to_ukraine", Y2021)["value_usd_m"]
    in_2022 = trade.claimed(flows, "belarus_to_ukraine", Y2022)["value_usd_m"]
    ukraine_2021 = trade.reported(flows, "belarus_to_ukraine", Y2021, "Ukraine")["value_usd_m"]
    working = _fall_working(base_2021, in_2022, stated, ukraine_2021, "Ukraine-reported 2021 imports from Belarus")
    return Recomputation(trade.fall_percent(base_2021, in_2022), "percent", working)


@recomputes
def ukraine_to_belarus_fall_2022(flows, claims, stated):
    base_2021 = trade.claimed(flows, "ukraine_to_belarus", Y2021)["value_usd_m"]
    in_2022 = trade.claimed(flows, "ukraine_to_belarus", Y2022)["value_usd_m"]
    working = f"1 − {usd(in_2022)} ÷ {usd(base_2021)} = {percent(trade.fall_percent(base_2021, in_2022))}"
    return Recomputation(trade.fall_percent(base_2021, in_2022), "percent", working)


@recomputes
def ukraine_to_belarus_2022_implied(flows, claims, stated):
    turnover_2022 = trade.claimed(flows, "turnover", Y2022)["value_usd_m"]
    imports_2022 = trade.claimed(flows, "belarus_to_ukraine", Y2022)["value_usd_m"]
    base_2021 = trade.claimed(flows, "ukraine_to_belarus", Y2021)["value_usd_m"]
    stated_fall = _stated(claims, "ukraine_to_belarus_fall_2022")
    implied = turnover_2022 - imports_2022
    working = (
        f"{usd(turnover_2022)} (turnover) − {usd(imports_2022)} (imports) = {usd(implied)}; "
        f"a fall of {percent(stated_fall)} from {usd(base_2021)} would leave {usd(base_2021 * (1 - stated_fall / 100))}"
    )
    return Recomputation(implied, "USD million", working)


def _stated(claims: pd.DataFrame, function_name: str) -> float:
    return float(claims.loc[claims["function"] == function_name, "stated_value"].iloc[0])


def _in_claim_unit(result: Recomputation, unit: str) -> float:
    if result.unit == unit:
        return float(result.value)
    if result.unit in TO_USD_MILLION and unit in TO_USD_MILLION:
        return float(result.value) * TO_USD_MILLION[result.unit] / TO_USD_MILLION[unit]
    raise ValueError(f"cannot express {result.unit} in {unit}")


def evaluate(data: BookData) -> pd.DataFrame:
    """Every ledger row with the value recomputed from the data and the status the data imply."""
    flows = trade.prepare(data.trade_flows)
    rows = []
    for claim in data.claims.itertuples(index=False):
        recomputed = difference = working = None
        implied_status = "claim-only"
        if claim.function:
            if claim.function not in REGISTRY:
                raise LookupError(
                    f"data/claims.csv, claim {claim.claim_id}: no function {claim.function!r} in belarus_book.claims"
                )
            result = REGISTRY[claim.function](flows, data.claims, claim.stated_value)
            recomputed = _in_claim_unit(result, claim.unit)
            difference = recomputed - claim.stated_value
            working = result.working
            implied_status = "reproduced" if abs(difference) <= claim.tolerance + 1e-9 else "discrepancy"
        rows.append(
            {
                **claim._asdict(),
                "recomputed": recomputed,
                "difference": difference,
                "working": working,
                "implied_status": implied_status,
            }
        )
    return pd.DataFrame(rows)


class LedgerMismatch(AssertionError):
    """A claim's recorded status disagrees with what the data say."""


def check(data: BookData) -> pd.DataFrame:
    """Evaluate the ledger and fail on any silent mismatch; return the evaluated ledger."""
    ledger = evaluate(data)
    flows = trade.prepare(data.trade_flows).set_index("record_id")
    problems = []
    for row in ledger.itertuples(index=False):
        if row.status != row.implied_status:
            problems.append(
                f"data/claims.csv, claim {row.claim_id}, column 'status': recorded {row.status!r} but the data give "
                f"{row.implied_status!r} (stated {row.stated_value:g} {row.unit}, recomputed {row.recomputed}, "
                f"tolerance {row.tolerance}; {row.working})"
            )
        if pd.notna(row.data_record):
            record = flows.loc[row.data_record]
            recorded = record["value_usd_m"] / TO_USD_MILLION.get(row.unit, 1.0)
            if record["basis"] != "commentary_claim" or record["source_id"] != row.commentary:
                problems.append(
                    f"data/claims.csv, claim {row.claim_id}, column 'data_record': "
                    f"{row.data_record} is not a claim of {row.commentary}"
                )
            elif abs(recorded - row.stated_value) > 1e-9 or record["qualifier"] != row.qualifier:
                problems.append(
                    f"data/claims.csv, claim {row.claim_id}: stated value {row.stated_value:g} ({row.qualifier}) "
                    "differs from "
                    f"data/trade_flows.csv {row.data_record} ({recorded:g}, {record['qualifier']})"
                )
    if problems:
        raise LedgerMismatch("The claims ledger disagrees with the data:\n" + "\n".join(f"  - {p}" for p in problems))
    return ledger
