"""Charts of forecasts of Belarus's economy against the outcomes."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from ..formatting import percent
from . import marks
from .style import (
    PALETTE,
    SERIES_COLOURS,
)


def outlook_chart(outlook: pd.DataFrame) -> plt.Figure:
    """Spring-2022 forecasts for Belarusian GDP in 2022 against the outcomes for 2019–2024."""
    figure, (left, right) = plt.subplots(1, 2, figsize=(9, 4.4), gridspec_kw={"width_ratios": [1.2, 1]})
    gdp = outlook[outlook["indicator"] == "gdp_growth"]
    forecasts = gdp[gdp["kind"] == "forecast"].sort_values("value")
    outcome_2022 = gdp[(gdp["kind"] == "outcome") & (gdp["year"] == 2022)].iloc[0]
    labels = [
        ("spotlight: " if b == "commentary_claim" else "") + m
        for m, b in zip(forecasts["made_by"], forecasts["basis"], strict=True)
    ]
    colours = [
        SERIES_COLOURS["commentary's claim"] if b == "commentary_claim" else PALETTE[7] for b in forecasts["basis"]
    ]
    bars = left.barh(labels, forecasts["value"], color=colours, edgecolor="white")
    marks.attach_each(bars, forecasts["record_id"], [_forecast_label(r) for r in forecasts.itertuples()], "value")
    line = left.axvline(
        outcome_2022["value"], color=PALETTE[0], linewidth=2, label="outcome: " + percent(outcome_2022["value"])
    )
    marks.attach(
        line, [outcome_2022["record_id"]], [f"Belarusian GDP in 2022: {percent(outcome_2022['value'])}"], "value"
    )
    left.set_xlabel("Forecast change in 2022 GDP (%)")
    left.set_title("What was expected for 2022", fontsize=11)
    left.tick_params(axis="y", labelsize=8)
    left.legend(fontsize=8, loc="lower left")
    outcomes = gdp[gdp["kind"] == "outcome"].sort_values("year")
    bars = right.bar(
        outcomes["year"].astype(str),
        outcomes["value"],
        color=[PALETTE[3] if v < 0 else PALETTE[0] for v in outcomes["value"]],
        edgecolor="white",
    )
    marks.attach_each(bars, outcomes["record_id"], [_outcome_label(r) for r in outcomes.itertuples()], "value")
    for x, v in zip(outcomes["year"].astype(str), outcomes["value"], strict=True):
        right.text(x, v, percent(v), ha="center", va="bottom" if v >= 0 else "top", fontsize=8)
    right.axhline(0, color="black", linewidth=0.8)
    right.set_ylim(min(forecasts["value"].min(), outcomes["value"].min()) * 1.15, outcomes["value"].max() * 1.6)
    right.set_ylabel("Real GDP change (%)")
    right.tick_params(axis="x", labelsize=8, labelrotation=45)
    right.set_title("What happened", fontsize=11)
    figure.tight_layout()
    return figure


def _forecast_label(row) -> str:
    """'IMF forecast for 2022, made in 2022: −6.4%'."""
    made = "" if row.kind == "target" else f", made in {str(row.published)[:4]}"
    return f"Belarusian GDP, {row.made_by} {row.kind} for {row.year}{made}: {percent(row.value)}"


def _outcome_label(row) -> str:
    return f"Belarusian GDP in {row.year}, the outcome: {percent(row.value)}"


FORECASTER_STYLES = {
    "World Bank": (PALETTE[2], "s"),
    "IMF": (PALETTE[4], "^"),
    "Belarusian government": (PALETTE[3], "D"),
    "BEROC (Dzmitry Kruk)": (PALETTE[5], "v"),
    "EBRD": (PALETTE[6], "<"),
    "S&P": (PALETTE[8], ">"),
    "independent economists": (SERIES_COLOURS["commentary's claim"], "X"),
}


def forecasts_against_outcomes_chart(outlook: pd.DataFrame, first_year: int = 2021) -> plt.Figure:
    """Belarusian GDP growth: the outcome of each year as a bar, every forecast and target for that
    year as a marker across it (each forecaster a little apart, so none hides another), so that
    each forecast can be read against what happened."""
    gdp = outlook[(outlook["indicator"] == "gdp_growth") & (outlook["year"] >= first_year)]
    outcome_rows = gdp[gdp["kind"] == "outcome"].set_index("year", drop=False)
    outcomes = outcome_rows["value"]
    years = sorted(gdp["year"].unique())
    position = {year: i for i, year in enumerate(years)}
    figure, axes = plt.subplots(figsize=(7.5, 5.4))
    bars = axes.bar(
        [position[y] for y in outcomes.index],
        outcomes.values,
        color=[PALETTE[3] if v < 0 else PALETTE[0] for v in outcomes.values],
        alpha=0.55,
        edgecolor="white",
        label="outcome",
    )
    marks.attach_each(bars, outcome_rows["record_id"], [_outcome_label(r) for r in outcome_rows.itertuples()], "value")
    for year, v in outcomes.items():
        axes.text(position[year], v, percent(v), ha="center", va="bottom" if v >= 0 else "top", fontsize=8)
    predictions = gdp[gdp["kind"].isin(["forecast", "target"])]
    forecasters = list(dict.fromkeys(predictions["made_by"]))
    for k, (made_by, rows) in enumerate(predictions.groupby("made_by", sort=False)):
        colour, marker = FORECASTER_STYLES.get(made_by, (PALETTE[7], "o"))
        kind = "target" if (rows["kind"] == "target").all() else "forecast"
        claim = (rows["basis"] == "commentary_claim").all()
        published = "; ".join(sorted({p[:4] for p in rows["published"]}))
        when = "" if kind == "target" else f", made in {published}"
        label = ("PISM spotlight's claim: " if claim else "") + f"{made_by} {kind}{when}"
        offset = 0.6 * (k - (len(forecasters) - 1) / 2) / max(len(forecasters), 1)
        dots = axes.scatter(
            [position[y] + offset for y in rows["year"]],
            rows["value"],
            color=colour,
            marker=marker,
            s=55,
            zorder=3,
            edgecolor="black",
            linewidth=0.5,
            label=label,
        )
        marks.attach(dots, rows["record_id"], [_forecast_label(r) for r in rows.itertuples()], "value")
    axes.set_xticks(range(len(years)), [str(y) for y in years])
    axes.axhline(0, color="black", linewidth=0.8)
    axes.set_ylabel("Real GDP change (%)")
    axes.set_title(f"Belarusian GDP, {years[0]}–{years[-1]}: outcomes and what was forecast")
    axes.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=2, frameon=False)
    figure.tight_layout()
    return figure
