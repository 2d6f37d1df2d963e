"""Metrics on Russian troops in Belarus and on equipment and munitions sent to Russia."""

from __future__ import annotations

import pandas as pd

KIND_LABELS = {"present": "troops present", "expected": "troops expected", "planned": "planned ceiling"}


def prepare_troops(troop_estimates: pd.DataFrame) -> pd.DataFrame:
    """Add a midpoint date, a central value and a series label to every estimate."""
    troops = troop_estimates.copy()
    troops["start"] = [p.start_time for p in troops["period_start"]]
    troops["end"] = [p.end_time for p in troops["period_end"]]
    troops["midpoint"] = troops["start"] + (troops["end"] - troops["start"]) / 2
    troops["central"] = (troops["low"] + troops["high"]) / 2
    troops["series"] = [
        "commentary's claim" if basis == "commentary_claim" else KIND_LABELS[kind]
        for basis, kind in zip(troops["basis"], troops["kind"], strict=True)
    ]
    return troops.sort_values(["start", "record_id"]).reset_index(drop=True)


def present_or_claimed(troops: pd.DataFrame) -> pd.DataFrame:
    """The estimates of troops present, and the commentary's own figures: what the book's overview draws."""
    return troops[troops["series"].isin([KIND_LABELS["present"], "commentary's claim"])]


def reported_present(troops: pd.DataFrame) -> pd.DataFrame:
    return troops[(troops["basis"] == "reported") & (troops["kind"] == "present")]


def highest_present(troops: pd.DataFrame, first: str, last: str) -> pd.Series:
    """The reported estimate of troops present with the highest upper end, among those within [first, last]."""
    return highest_of_kind(troops, "present", first, last)


def highest_of_kind(troops: pd.DataFrame, kind: str, first: str, last: str) -> pd.Series:
    """The reported estimate of one kind (present, expected, planned) with the highest upper end in [first, last]."""
    within = troops[(troops["basis"] == "reported") & (troops["kind"] == kind)]
    within = within[(within["period_start"] >= pd.Period(first, "M")) & (within["period_end"] <= pd.Period(last, "M"))]
    return within.loc[within["high"].idxmax()]


def latest_present(troops: pd.DataFrame) -> pd.Series:
    """The most recent reported estimate of troops present."""
    present = reported_present(troops)
    return present.loc[present["period_end"].idxmax()]


def railway_tally(equipment: pd.DataFrame, month: str = "2022-10") -> pd.DataFrame:
    """The Belarusian railway workers' count of vehicles sent to Russia in one month."""
    period = pd.Period(month, "M")
    rows = equipment[
        (equipment["counted_by"] == "Belarusian railway workers")
        & (equipment["unit"] == "units")
        & (equipment["period_start"] == period)
        & (equipment["period_end"] == period)
    ]
    if rows.empty:
        raise LookupError(f"no railway workers' tally for {month}")
    return rows


def munitions(equipment: pd.DataFrame) -> pd.DataFrame:
    """Reported munitions shipments, with the length of each period and the average per month."""
    rows = equipment[(equipment["item"] == "munitions") & (equipment["basis"] == "reported")].copy()
    rows["months"] = [(end - start).n + 1 for start, end in zip(rows["period_start"], rows["period_end"], strict=True)]
    rows["tonnes_per_month"] = rows["value"] / rows["months"]
    return rows.sort_values(["months", "period_start"]).reset_index(drop=True)


def munitions_total(equipment: pd.DataFrame) -> pd.Series:
    """The longest reported munitions tally (the running total)."""
    rows = munitions(equipment)
    if rows.empty:
        raise LookupError("no reported munitions tally")
    return rows.loc[rows["months"].idxmax()]


def wagner_estimates(developments: pd.DataFrame) -> pd.DataFrame:
    """Every recorded estimate of Wagner fighters in (or expected in) Belarus, oldest first."""
    rows = developments[developments["measure"].str.startswith("Wagner fighters")]
    return rows.sort_values(["period_start", "record_id"], kind="stable")


def worded_reports(developments: pd.DataFrame, record_ids: list[str]) -> pd.DataFrame:
    """Reports that give their figure in words only (no number), by record, as a chart marks them."""
    rows = developments.set_index("record_id", drop=False).loc[record_ids]
    if rows["low"].notna().any():
        raise ValueError(f"not worded reports: {', '.join(rows[rows['low'].notna()]['record_id'])}")
    return rows.reset_index(drop=True)
