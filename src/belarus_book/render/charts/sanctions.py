"""The chart of EU sanctions packages against Belarus."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from .style import (
    PALETTE,
    count_axis,
    half_year_axis,
)


def sanctions_chart(packages: pd.DataFrame) -> plt.Figure:
    """EU packages against Belarus on a time axis by kind, with the running total of listed people."""
    packages = packages.assign(when=[pd.Timestamp(d) for d in packages["date"]])
    kinds = ["listings", "sectoral", "financial"]
    colours = dict(zip(kinds, sns.color_palette("colorblind", len(kinds)), strict=True))
    figure, (top, bottom) = plt.subplots(2, 1, figsize=(7.5, 5), sharex=True, gridspec_kw={"height_ratios": [1, 1.6]})
    counted = packages["decision"] == "package"
    for position, kind in enumerate(kinds):
        rows = packages[(packages["kind"] == kind) & counted]
        top.scatter(rows["when"], [position] * len(rows), color=colours[kind], s=70, edgecolor="black", linewidth=0.5)
        # A prolongation, a stand-alone measure or a measure inside a Russia package: drawn, not counted.
        others = packages[(packages["kind"] == kind) & ~counted]
        top.scatter(
            others["when"], [position] * len(others), facecolor="white", edgecolor=colours[kind], s=70, linewidth=1.5
        )
    top.set_yticks(range(len(kinds)), list(kinds))
    top.set_ylim(-0.7, len(kinds) - 0.3)
    first, last = packages["when"].min().year, packages["when"].max().year
    top.set_title(f"EU restrictive measures against Belarus, {first}–{last}", fontsize=11)
    totals = packages.dropna(subset=["total_individuals"])
    bottom.step(
        totals["when"],
        totals["total_individuals"],
        where="post",
        color=PALETTE[0],
        marker="o",
        label="people listed (running total)",
    )
    entities = packages.dropna(subset=["total_entities"])
    bottom.step(
        entities["when"],
        entities["total_entities"],
        where="post",
        color=PALETTE[1],
        marker="s",
        label="entities listed (running total)",
    )
    count_axis(bottom.yaxis)
    bottom.set_ylabel("Listed in total")
    bottom.legend(fontsize=8, loc="upper left")
    half_year_axis(bottom.xaxis)
    figure.autofmt_xdate()
    figure.tight_layout()
    return figure
