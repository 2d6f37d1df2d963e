"""The functions that recompute the commentaries' figures from the data, one per numeric claim
of the ledger, registered by name (``data/claims.csv`` names each claim's function).

Each returns the value the data give, in the claim's unit, and the worked arithmetic as a
``phrases.Phrase``. They read confirmed rows only (``Inputs.of``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from ..data.datapackage import BookData
from . import security, trade
from .phrases import Phrase, count, date, estimate, items, percent, period, say, usd, year


@dataclass(frozen=True)
class Recomputation:
    value: float
    unit: str
    working: Phrase  # the arithmetic in words, its numbers in typed slots (render.ledger spells them)
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
    working = say(
        "highest Belarus-reported full-year turnover: {} in {}, against {} in 2021",
        usd(peak["value_usd_m"]),
        year(peak["year"]),
        usd(in_2021["value_usd_m"]),
    )
    return Recomputation(peak["year"], "year", working)


@recomputes
def exports_to_belarus_2021_ukraine_reported(inputs, claims, stated):
    flows = inputs.flows
    row = trade.reported(flows, "ukraine_to_belarus", Y2021, "Ukraine")
    return Recomputation(
        row["value_usd_m"], "USD million", say("Ukraine-reported exports to Belarus, 2021: {}", usd(row["value_usd_m"]))
    )


@recomputes
def exports_to_ukraine_2021_belarus_reported(inputs, claims, stated):
    flows = inputs.flows
    row = trade.reported(flows, "belarus_to_ukraine", Y2021, "Belarus")
    return Recomputation(
        row["value_usd_m"], "USD million", say("Belarus-reported exports to Ukraine, 2021: {}", usd(row["value_usd_m"]))
    )


@recomputes
def surplus_2021_as_paired(inputs, claims, stated):
    flows = inputs.flows
    by_exports = trade.reported(flows, "belarus_to_ukraine", Y2021, "Belarus")["value_usd_m"]
    ua_exports = trade.reported(flows, "ukraine_to_belarus", Y2021, "Ukraine")["value_usd_m"]
    ua_imports = trade.reported(flows, "belarus_to_ukraine", Y2021, "Ukraine")["value_usd_m"]
    working = say(
        "{} (Belarus-reported exports) − {} (Ukraine-reported exports) = {}; on Ukraine's figures alone: {} − {} = {}",
        usd(by_exports),
        usd(ua_exports),
        usd(by_exports - ua_exports),
        usd(ua_imports),
        usd(ua_exports),
        usd(ua_imports - ua_exports),
    )
    return Recomputation(by_exports - ua_exports, "USD million", working)


@recomputes
def turnover_2022_ukraine_reported(inputs, claims, stated):
    flows = inputs.flows
    row = trade.reported(flows, "turnover", Y2022, "Ukraine")
    return Recomputation(
        row["value_usd_m"],
        "USD million",
        say(
            "Ukraine-reported turnover, 2022 (Ukrainian customs, as the Belarusian Yearbook 2023 gives it): {}",
            usd(row["value_usd_m"]),
        ),
    )


def _fall_working(before, after, stated, alternative_before, alternative_label):
    implied_base = after / (1 - stated / 100)
    return say(
        "1 − {} ÷ {} = {}; a fall of {} implies a 2021 base of {} ÷ (1 − {}) = {}; against the {} of {} the fall is {}",
        usd(after),
        usd(before),
        percent(trade.fall_percent(before, after)),
        percent(stated),
        usd(after),
        percent(stated),
        usd(implied_base),
        alternative_label,
        usd(alternative_before),
        percent(trade.fall_percent(alternative_before, after)),
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
    working = say("1 − {} ÷ {} = {}", usd(in_2022), usd(base_2021), percent(trade.fall_percent(base_2021, in_2022)))
    return Recomputation(trade.fall_percent(base_2021, in_2022), "percent", working)


@recomputes
def ukraine_to_belarus_2022_implied(inputs, claims, stated):
    flows = inputs.flows
    turnover_2022 = trade.claimed(flows, "turnover", Y2022)["value_usd_m"]
    imports_2022 = trade.claimed(flows, "belarus_to_ukraine", Y2022)["value_usd_m"]
    base_2021 = trade.claimed(flows, "ukraine_to_belarus", Y2021)["value_usd_m"]
    stated_fall = _stated(claims, "ukraine_to_belarus_fall_2022")
    implied = turnover_2022 - imports_2022
    working = say(
        "{} (turnover) − {} (imports) = {}; a fall of {} from {} would leave {}",
        usd(turnover_2022),
        usd(imports_2022),
        usd(implied),
        percent(stated_fall),
        usd(base_2021),
        usd(base_2021 * (1 - stated_fall / 100)),
    )
    return Recomputation(implied, "USD million", working)


@recomputes
def troops_early_2022_highest(inputs, claims, stated):
    top = security.highest_present(inputs.troops, "2022-01", "2022-03")
    expected = security.highest_of_kind(inputs.troops, "expected", "2022-01", "2022-03")
    working = say(
        "highest sourced estimate of Russian troops present, January–March 2022: {} ({}); highest expected: {} ({})",
        estimate(top["high"], top["high"], top["qualifier"]),
        top["estimated_by"],
        estimate(expected["high"], expected["high"], expected["qualifier"]),
        expected["estimated_by"],
    )
    partly = None
    if top["qualifier"] == "just_under" and expected["high"] >= stated:
        partly = "troops present were put just under the figure; it was reached only by forces expected to arrive"
    return Recomputation(top["high"], "troops", working, partly)


@recomputes
def troops_latest_reported(inputs, claims, stated):
    latest = security.latest_present(inputs.troops)
    figure = estimate(latest["low"], latest["high"], latest["qualifier"])
    where = (latest["estimated_by"], period(latest["period_start"], latest["period_end"]))
    if latest["low"] == latest["high"]:
        working = say("latest sourced estimate: {} ({}, {})", figure, *where)
    else:
        # A range is compared by its centre.
        working = say("latest sourced estimate: {} ({}, {}), centre {}", figure, *where, count(int(latest["central"])))
    return Recomputation(latest["central"], "troops", working)


@recomputes
def equipment_items_october_2022(inputs, claims, stated):
    tally = security.railway_tally(inputs.equipment)
    parts = Phrase.join(" + ", (items(int(v), item) for item, v in zip(tally["item"], tally["value"], strict=True)))
    tanks = inputs.equipment[(inputs.equipment["item"] == "T-72A tank") & (inputs.equipment["basis"] == "reported")]
    largest, total = int(tanks["value"].max()), int(tally["value"].sum())
    working = say(
        "{} = {}; tanks alone: at most {} in one tally, {} only if the two largest tallies do not overlap",
        parts,
        count(total),
        count(largest),
        count(int(tanks["value"].nlargest(2).sum())),
    )
    return Recomputation(total, "units", working)


@recomputes
def munitions_total_reported(inputs, claims, stated):
    total = security.munitions_total(inputs.equipment)
    working = say(
        "{} tonnes, {} ({})",
        count(int(total["value"])),
        period(total["period_start"], total["period_end"]),
        total["counted_by"],
    )
    return Recomputation(total["value"], "tonnes", working)


@recomputes
def ukrainian_embassy_staff(inputs, claims, stated):
    channel = inputs.data.diplomatic_channel
    row = channel[(channel["basis"] == "reported") & (channel["aspect"] == "Embassy staff in Minsk")].iloc[0]
    working = say("{} diplomats allowed to stay, announced {}", count(int(row["people"])), date(row["date"]))
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
    working = say("latest official figure: {} servicemen ({}, {})", count(int(row["value"])), row["estimated_by"], when)
    return Recomputation(row["value"], "troops", working)


@recomputes
def belarus_combat_ready(inputs, claims, stated):
    row = _armed_forces(inputs, "combat-ready troops")
    when = period(row["period_start"], row["period_end"])
    working = say("{}, {}, {}: at most {}", row["estimated_by"], row["kind"], when, count(int(row["value"])))
    return Recomputation(row["value"], "troops", working)


@recomputes
def btgs_to_border(inputs, claims, stated):
    row = _armed_forces(inputs, "battalion tactical groups sent to the Ukrainian border")
    when = period(row["period_start"], row["period_end"])
    working = say("{} battalion tactical groups ({}, {})", count(int(row["value"])), row["estimated_by"], when)
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
    working = say("{}, {}: GDP change in 2022 of {}", row["made_by"], date(row["published"]), percent(row["value"]))
    return Recomputation(-row["value"], "percent", working)


@recomputes
def exports_fall_forecast_independent(inputs, claims, stated):
    row = _forecast(inputs, "exports_change", "BEROC")
    working = say("{}, {}: exports change in 2022 of {}", row["made_by"], date(row["published"]), percent(row["value"]))
    return Recomputation(-row["value"], "percent", working)


def _stated(claims: pd.DataFrame, function_name: str) -> float:
    return float(claims.loc[claims["function"] == function_name, "stated_value"].iloc[0])
