"""The claims ledger: check every checkable statement of the commentaries against the data.

A numeric claim (an amount, percentage, count or year) names a function registered here. The
function returns the value the data give for the claim, in the claim's unit, and the worked
arithmetic as text; ``evaluate`` compares that value with the stated one.

Any other claim (a date, an event, an attribution, a comparison) is checked by its findings
(``data/findings.csv``): what independent sources say about it, each resting on a quoted passage
and marked as confirming it, confirming it only in part ('qualifies') or contradicting it. A
claim of kind 'date' is also compared, by code, with the dates its findings give.

``check`` fails on any row whose recorded status does not match what the data say, so a
discrepancy can never be silent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from . import security, trade, validation
from .datapackage import BookData
from .formatting import count, date, estimate, items, percent, period, usd, year
from .provenance import traced


@dataclass(frozen=True)
class Recomputation:
    value: float
    unit: str
    working: str
    # Set when the value is matched only with a caveat that the reader must see (status 'partly').
    partly: str | None = None


# (the data package with trade flows prepared, claims ledger, stated value) -> Recomputation
Recompute = Callable[["Inputs", pd.DataFrame, float], Recomputation]


@dataclass(frozen=True)
class Inputs:
    """What the recomputing functions read: the data package, with the tables they use prepared once."""

    data: BookData
    flows: pd.DataFrame
    troops: pd.DataFrame
    equipment: pd.DataFrame

    @classmethod
    def of(cls, data: BookData) -> Inputs:
        # A row no stored copy of its source confirms can never reproduce a claim: the ledger
        # recomputes from confirmed rows only.
        confirmed = data.confirmed()
        return cls(
            confirmed,
            trade.prepare(confirmed.trade_flows),
            security.prepare_troops(confirmed.troop_estimates),
            confirmed.equipment_transfers,
        )


REGISTRY: dict[str, Recompute] = {}
TO_USD_MILLION = trade.USD_MILLIONS_PER_UNIT


def recomputes(function: Recompute) -> Recompute:
    REGISTRY[function.__name__] = function
    return function


Y2021, Y2022 = trade.year_period(2021), trade.year_period(2022)


@recomputes
def peak_turnover_year(inputs, claims, stated):
    flows = inputs.flows
    history = trade.annual_turnover_history(flows)
    peak = trade.peak_year(history, "Belarus")
    in_2021 = trade.reported(flows, "turnover", Y2021, "Belarus")
    working = (
        f"highest Belarus-reported full-year turnover: {usd(peak['value_usd_m'])} in {year(peak['year'])}, "
        f"against {usd(in_2021['value_usd_m'])} in 2021"
    )
    return Recomputation(peak["year"], "year", working)


@recomputes
def exports_to_belarus_2021_ukraine_reported(inputs, claims, stated):
    flows = inputs.flows
    row = trade.reported(flows, "ukraine_to_belarus", Y2021, "Ukraine")
    return Recomputation(
        row["value_usd_m"], "USD million", f"Ukraine-reported exports to Belarus, 2021: {usd(row['value_usd_m'])}"
    )


@recomputes
def exports_to_ukraine_2021_belarus_reported(inputs, claims, stated):
    flows = inputs.flows
    row = trade.reported(flows, "belarus_to_ukraine", Y2021, "Belarus")
    return Recomputation(
        row["value_usd_m"], "USD million", f"Belarus-reported exports to Ukraine, 2021: {usd(row['value_usd_m'])}"
    )


@recomputes
def surplus_2021_as_paired(inputs, claims, stated):
    flows = inputs.flows
    by_exports = trade.reported(flows, "belarus_to_ukraine", Y2021, "Belarus")["value_usd_m"]
    ua_exports = trade.reported(flows, "ukraine_to_belarus", Y2021, "Ukraine")["value_usd_m"]
    ua_imports = trade.reported(flows, "belarus_to_ukraine", Y2021, "Ukraine")["value_usd_m"]
    working = (
        f"{usd(by_exports)} (Belarus-reported exports) − {usd(ua_exports)} (Ukraine-reported exports) "
        f"= {usd(by_exports - ua_exports)}; on Ukraine's figures alone: "
        f"{usd(ua_imports)} − {usd(ua_exports)} = {usd(ua_imports - ua_exports)}"
    )
    return Recomputation(by_exports - ua_exports, "USD million", working)


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
def turnover_fall_2022(inputs, claims, stated):
    flows = inputs.flows
    base_2021 = (
        trade.claimed(flows, "ukraine_to_belarus", Y2021)["value_usd_m"]
        + trade.claimed(flows, "belarus_to_ukraine", Y2021)["value_usd_m"]
    )
    in_2022 = trade.claimed(flows, "turnover", Y2022)["value_usd_m"]
    ukraine_2021 = trade.reported(flows, "turnover", Y2021, "Ukraine")["value_usd_m"]
    working = _fall_working(base_2021, in_2022, stated, ukraine_2021, "Ukraine-reported 2021 turnover")
    return Recomputation(trade.fall_percent(base_2021, in_2022), "percent", working)


@recomputes
def belarus_to_ukraine_fall_2022(inputs, claims, stated):
    flows = inputs.flows
    base_2021 = trade.claimed(flows, "belarus_to_ukraine", Y2021)["value_usd_m"]
    in_2022 = trade.claimed(flows, "belarus_to_ukraine", Y2022)["value_usd_m"]
    ukraine_2021 = trade.reported(flows, "belarus_to_ukraine", Y2021, "Ukraine")["value_usd_m"]
    working = _fall_working(base_2021, in_2022, stated, ukraine_2021, "Ukraine-reported 2021 imports from Belarus")
    return Recomputation(trade.fall_percent(base_2021, in_2022), "percent", working)


@recomputes
def ukraine_to_belarus_fall_2022(inputs, claims, stated):
    flows = inputs.flows
    base_2021 = trade.claimed(flows, "ukraine_to_belarus", Y2021)["value_usd_m"]
    in_2022 = trade.claimed(flows, "ukraine_to_belarus", Y2022)["value_usd_m"]
    working = f"1 − {usd(in_2022)} ÷ {usd(base_2021)} = {percent(trade.fall_percent(base_2021, in_2022))}"
    return Recomputation(trade.fall_percent(base_2021, in_2022), "percent", working)


@recomputes
def ukraine_to_belarus_2022_implied(inputs, claims, stated):
    flows = inputs.flows
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


@recomputes
def troops_early_2022_highest(inputs, claims, stated):
    top = security.highest_present(inputs.troops, "2022-01", "2022-03")
    expected = security.highest_of_kind(inputs.troops, "expected", "2022-01", "2022-03")
    working = (
        f"highest sourced estimate of Russian troops present, January–March 2022: "
        f"{estimate(top['high'], top['high'], top['qualifier'])} ({top['estimated_by']}); highest expected: "
        f"{estimate(expected['high'], expected['high'], expected['qualifier'])} ({expected['estimated_by']})"
    )
    partly = None
    if top["qualifier"] == "just_under" and expected["high"] >= stated:
        partly = "troops present were put just under the figure; it was reached only by forces expected to arrive"
    return Recomputation(top["high"], "troops", working, partly)


@recomputes
def troops_latest_reported(inputs, claims, stated):
    latest = security.latest_present(inputs.troops)
    working = (
        f"latest sourced estimate: {count(int(latest['low']))}–{count(int(latest['high']))} "
        f"({latest['estimated_by']}, {period(latest['period_start'], latest['period_end'])}), "
        f"centre {count(int(latest['central']))}"
    )
    return Recomputation(latest["central"], "troops", working)


@recomputes
def equipment_items_october_2022(inputs, claims, stated):
    tally = security.railway_tally(inputs.equipment)
    parts = " + ".join(items(int(v), item) for item, v in zip(tally["item"], tally["value"], strict=True))
    tanks = inputs.equipment[(inputs.equipment["item"] == "T-72A tank") & (inputs.equipment["basis"] == "reported")]
    largest, total = int(tanks["value"].max()), int(tally["value"].sum())
    working = (
        f"{parts} = {count(total)}; tanks alone: at most {count(largest)} in one tally, "
        f"{count(int(tanks['value'].nlargest(2).sum()))} only if the two largest tallies do not overlap"
    )
    return Recomputation(total, "units", working)


@recomputes
def munitions_total_reported(inputs, claims, stated):
    total = security.munitions_total(inputs.equipment)
    working = (
        f"{count(int(total['value']))} tonnes, {period(total['period_start'], total['period_end'])} "
        f"({total['counted_by']})"
    )
    return Recomputation(total["value"], "tonnes", working)


@recomputes
def ukrainian_embassy_staff(inputs, claims, stated):
    channel = inputs.data.diplomatic_channel
    row = channel[(channel["basis"] == "reported") & (channel["aspect"] == "Embassy staff in Minsk")].iloc[0]
    working = f"{count(int(row['people']))} diplomats allowed to stay, announced {date(row['date'])}"
    return Recomputation(row["people"], "people", working)


def _armed_forces(inputs, measure: str, kind: str | None = None) -> pd.Series:
    forces = inputs.data.armed_forces
    rows = forces[(forces["basis"] == "reported") & (forces["measure"] == measure)]
    if kind is not None:
        rows = rows[rows["kind"] == kind]
    return rows.loc[rows["period_end"].idxmax()]


@recomputes
def belarus_forces_official(inputs, claims, stated):
    row = _armed_forces(inputs, "servicemen", "official")
    when = period(row["period_start"], row["period_end"])
    working = f"latest official figure: {count(int(row['value']))} servicemen ({row['estimated_by']}, {when})"
    return Recomputation(row["value"], "troops", working)


@recomputes
def belarus_combat_ready(inputs, claims, stated):
    row = _armed_forces(inputs, "combat-ready troops")
    when = period(row["period_start"], row["period_end"])
    working = f"{row['estimated_by']}, {row['kind']}, {when}: at most {count(int(row['value']))}"
    return Recomputation(row["value"], "troops", working)


@recomputes
def btgs_to_border(inputs, claims, stated):
    row = _armed_forces(inputs, "battalion tactical groups sent to the Ukrainian border")
    when = period(row["period_start"], row["period_end"])
    working = f"{count(int(row['value']))} battalion tactical groups ({row['estimated_by']}, {when})"
    return Recomputation(row["value"], "count", working)


def _forecast(inputs, indicator: str, made_by: str) -> pd.Series:
    outlook = inputs.data.economic_outlook
    rows = outlook[
        (outlook["basis"] == "reported")
        & (outlook["kind"] == "forecast")
        & (outlook["indicator"] == indicator)
        & (outlook["year"] == 2022)
        & outlook["made_by"].str.startswith(made_by)
    ]
    return rows.iloc[0]


@recomputes
def gdp_fall_forecast_independent(inputs, claims, stated):
    row = _forecast(inputs, "gdp_growth", "BEROC")
    working = f"{row['made_by']}, {date(row['published'])}: GDP change in 2022 of {percent(row['value'])}"
    return Recomputation(-row["value"], "percent", working)


@recomputes
def exports_fall_forecast_independent(inputs, claims, stated):
    row = _forecast(inputs, "exports_change", "BEROC")
    working = f"{row['made_by']}, {date(row['published'])}: exports change in 2022 of {percent(row['value'])}"
    return Recomputation(-row["value"], "percent", working)


def _stated(claims: pd.DataFrame, function_name: str) -> float:
    return float(claims.loc[claims["function"] == function_name, "stated_value"].iloc[0])


def _in_claim_unit(result: Recomputation, unit: str) -> float:
    if result.unit == unit:
        return float(result.value)
    if result.unit in TO_USD_MILLION and unit in TO_USD_MILLION:
        return float(result.value) * TO_USD_MILLION[result.unit] / TO_USD_MILLION[unit]
    raise ValueError(f"cannot express {result.unit} in {unit}")


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
NUMERIC_KINDS = validation.NUMERIC_KINDS
BEARINGS = {"confirms": "confirms", "qualifies": "confirms in part", "contradicts": "contradicts"}


def _dates_agree(stated: str, found: str) -> bool:
    """A source's date agrees with the commentary's when they name the same day, or the less
    precise one contains the other ('February 2023' and '26 February 2023')."""
    return found.startswith(stated) or stated.startswith(found)


def from_findings(claim, findings: pd.DataFrame, sources: pd.DataFrame) -> tuple[str, str | None, str | None]:
    """The status a claim's confirmed findings give it, the evidence in words, and what the data give
    in short (the dates found, for a date claim; otherwise how many sources were found).

    No finding: claim-only. A date claim no finding dates as the commentary does: discrepancy.
    Otherwise any contradicting finding makes a discrepancy, findings that all confirm reproduce
    the claim, and a mix of confirming and qualifying findings reproduces it in part."""
    own = findings[findings["claim_id"] == claim.claim_id]
    if own.empty:
        return "claim-only", None, None
    publishers = sources.set_index("source_id")["publisher"]
    lines = []
    for row in own.itertuples(index=False):
        when = f", {date(row.date)}" if row.date else ""
        lines.append(f"{publishers[row.source_id]}{when}: {row.finding.rstrip('.')} ({BEARINGS[row.bearing]})")
    working = "; ".join(lines)
    shown = f"{count(len(own))} {'source' if len(own) == 1 else 'sources'}"
    if claim.kind == "date":
        dated = own[own["date"].notna() & (own["bearing"] != "contradicts")]
        shown = "; ".join(dict.fromkeys(date(d) for d in sorted(dated["date"]))) or "no date"
        if not any(_dates_agree(claim.stated_date, found) for found in dated["date"]):
            return "discrepancy", f"stated {date(claim.stated_date)}, sources give {shown}; {working}", shown
    bearings = set(own["bearing"])
    if "contradicts" in bearings:
        return "discrepancy", working, shown
    return ("reproduced" if bearings == {"confirms"} else "partly"), working, shown


def evaluate(data: BookData) -> pd.DataFrame:
    """Every ledger row with the value recomputed from the data and the status the data imply."""
    inputs = Inputs.of(data)
    rows = []
    for claim in data.claims.itertuples(index=False):
        recomputed = difference = working = found = None
        implied_status = "claim-only"
        if not claim.function:
            # Only confirmed findings count: an unconfirmed row never checks a claim.
            implied_status, working, found = from_findings(claim, inputs.data.findings, data.sources)
        else:
            if claim.function not in REGISTRY:
                raise LookupError(
                    f"data/claims.csv, claim {claim.claim_id}: no function {claim.function!r} in belarus_book.claims"
                )
            try:
                result = REGISTRY[claim.function](inputs, data.claims, claim.stated_value)
            except LookupError as missing:
                # The rows it needs are absent or unconfirmed: nothing confirmed checks the claim.
                working = f"no confirmed row to recompute from ({missing})"
            else:
                recomputed = _in_claim_unit(result, claim.unit)
                difference = recomputed - claim.stated_value
                working = result.working
                ok = reproduces(recomputed, claim.stated_value, claim.tolerance, claim.qualifier)
                implied_status = ("partly" if result.partly else "reproduced") if ok else "discrepancy"
                if result.partly and ok:
                    working = f"{working}; partly: {result.partly}"
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
            f"{where}: stated value {row.stated_value:g} is not recorded in {table_name} {row.data_record} {recorded}"
        )
    if "qualifier" in record and record["qualifier"] != row.qualifier:
        return f"{where}: qualifier {row.qualifier!r} differs from that of {table_name} {row.data_record}"
    return None


class LedgerMismatch(AssertionError):
    """A claim's recorded status disagrees with what the data say."""


def check(data: BookData) -> pd.DataFrame:
    """Evaluate the ledger and fail on any silent mismatch; return the evaluated ledger."""
    ledger = evaluate(data)
    problems = []
    for row in ledger.itertuples(index=False):
        if row.status != row.implied_status:
            problems.append(
                f"data/claims.csv, claim {row.claim_id}, column 'status': recorded {row.status!r} but the data give "
                + (
                    f"{row.implied_status!r} (stated {row.stated_value:g} {row.unit}, recomputed {row.recomputed}, "
                    f"tolerance {row.tolerance}; {row.working})"
                    if row.function
                    else f"{row.implied_status!r} from its findings ({row.working or 'none in data/findings.csv'})"
                )
            )
        if pd.notna(row.data_record) and (problem := _record_problem(data, row)):
            problems.append(problem)
    if problems:
        raise LedgerMismatch("The claims ledger disagrees with the data:\n" + "\n".join(f"  - {p}" for p in problems))
    # Its values (stated values, statuses) are handed out traced to data/claims.csv.
    return traced(ledger, "claims", "claim_id")
