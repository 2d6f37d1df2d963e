"""The chart of EU sanctions packages against Belarus."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.lines import Line2D

from ..formatting import date, estimate
from . import marks
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
        drawn = top.scatter(
            rows["when"], [position] * len(rows), color=colours[kind], s=70, edgecolor="black", linewidth=0.5
        )
        _attach_decisions(drawn, rows)
        # A prolongation, a stand-alone measure or a measure inside a Russia package: drawn, not counted.
        others = packages[(packages["kind"] == kind) & ~counted]
        drawn = top.scatter(
            others["when"], [position] * len(others), facecolor="white", edgecolor=colours[kind], s=70, linewidth=1.5
        )
        _attach_decisions(drawn, others)
    top.set_yticks(range(len(kinds)), list(kinds))
    top.set_ylim(-0.7, len(kinds) - 0.3)
    first, last = packages["when"].min().year, packages["when"].max().year
    top.set_title(f"EU restrictive measures against Belarus, {first}–{last}", fontsize=11)
    # A total is known only where a source gives one: the points are those totals, and the dotted
    # line between them says only that the list grew somewhere in between. A step would put the
    # growth at the next sourced total (listings of March 2025 drawn at the February 2026
    # prolongation); each listing with no published total is marked where it happened instead.
    for column, colour, marker, label in (
        ("total_individuals", PALETTE[0], "o", "people listed: a total a source gives"),
        ("total_entities", PALETTE[1], "s", "entities listed: a total a source gives"),
    ):
        totals = packages.dropna(subset=[column])
        bottom.plot(totals["when"], totals[column], linestyle=":", color=colour, marker=marker, label=label)
        # Each total again, on top, as one link per total (a line is one link only).
        dots = bottom.scatter(totals["when"], totals[column], color=colour, marker=marker, s=36, zorder=3)
        listed = "people" if column == "total_individuals" else "entities"
        marks.attach(
            dots,
            totals["package_id"],
            [
                f"{estimate(n, n, q)} {listed} listed in total, {date(str(d)[:10])}"
                for n, q, d in zip(totals[column], totals["totals_qualifier"], totals["date"], strict=True)
            ],
            column,
        )
    lists_people = counted & ((packages["kind"] == "listings") | packages["measures"].str.contains("listed", na=False))
    untotalled = packages[lists_people & packages["total_individuals"].isna()]
    for position, when in enumerate(sorted(set(untotalled["when"]))):
        line = bottom.axvline(
            when,
            color="grey",
            linewidth=1,
            alpha=0.6,
            zorder=0,
            label="listings with no published total" if position == 0 else None,
        )
        listings = untotalled[untotalled["when"] == when]
        said = f"Listings with no published total, {date(str(listings['date'].iloc[0])[:10])}"
        marks.attach(line, [" ".join(listings["package_id"])], [said], "date")
    top.legend(
        handles=[
            Line2D([], [], linestyle="", marker="o", color="dimgrey", markeredgecolor="black", label="package"),
            Line2D([], [], linestyle="", marker="o", markerfacecolor="white", color="dimgrey", label="other decision"),
        ],
        fontsize=7,
        loc="upper left",
    )
    count_axis(bottom.yaxis)
    bottom.set_ylabel("Listed in total")
    bottom.legend(fontsize=8, loc="upper left")
    half_year_axis(bottom.xaxis)
    figure.autofmt_xdate()
    figure.tight_layout()
    return figure


def _attach_decisions(drawn, rows: pd.DataFrame) -> None:
    if len(rows):
        labels = [f"{r.label} ({r.kind}), {date(str(r.date)[:10])}" for r in rows.itertuples()]
        marks.attach(drawn, rows["package_id"], labels, "date")
