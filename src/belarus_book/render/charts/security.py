"""Charts of Russian troops in Belarus, of equipment and munitions sent to Russia, of Belarus's
armed forces, and of competing troop figures."""

from __future__ import annotations

import textwrap

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from ..formatting import count, estimate, in_unit, month, period
from . import marks
from .style import (
    PALETTE,
    SERIES_COLOURS,
    TROOP_STYLES,
    count_axis,
    half_year_axis,
    mark_events,
    points,
)


def mark_worded(axes, worded: pd.DataFrame | None) -> None:
    """Reports that give no number (month and the source's words): the month shaded over the whole
    height, with the words, so that no one reads them as a value (a point at zero would say
    'none')."""
    for row in (worded if worded is not None else pd.DataFrame()).itertuples():
        start = pd.Period(row.period_start, "M").start_time
        shade = axes.axvspan(start, start + pd.Timedelta(days=30), color="lightgrey", alpha=0.6, zorder=0, linewidth=0)
        when = month(pd.Period(row.period_start, "M"))
        marks.attach(
            shade, [row.record_id], [f"{row.measure}, {when}: \u201c{row.words}\u201d, {row.stated_by}"], "words"
        )
        axes.annotate(
            f"\u201c{row.words}\u201d, {row.stated_by}",
            (start + pd.Timedelta(days=15), 0.03),
            xycoords=("data", "axes fraction"),
            rotation=90,
            fontsize=7,
            ha="center",
            va="bottom",
            color="dimgrey",
        )
    if worded is not None and len(worded):
        axes.fill_between([], [], color="lightgrey", label="a report without a number, in its words")


def troop_label(series: str, row) -> str:
    """'Russian troops in Belarus, February 2022 (troops present): about 30,000'."""
    return (
        f"Russian troops in Belarus, {period(row.period_start, row.period_end)} ({series}): "
        f"{estimate(row.low, row.high, row.qualifier)}"
    )


def troops_chart(troops: pd.DataFrame, events: pd.DataFrame, worded: pd.DataFrame | None = None) -> plt.Figure:
    """Estimates of Russian troops in Belarus over time: a vertical bar spans a range, a
    horizontal bar the months an estimate covers; dashed lines mark dated events. Reports that give
    no number (``worded``) shade their month, labelled with their words, never placed at a height."""
    figure, axes = plt.subplots(figsize=(7.5, 4.6))
    mark_worded(axes, worded)
    for series, rows in troops.groupby("series", sort=False):
        colour, marker = TROOP_STYLES[series]
        claim = series == "commentary's claim"
        single, ranged = rows[rows["high"] == rows["low"]], rows[rows["high"] > rows["low"]]
        for row in single.itertuples():
            if row.end - row.start > pd.Timedelta(days=40):
                axes.hlines(row.low, row.start, row.end, color=colour, linewidth=1.5, linestyles="--" if claim else "-")
        # A range has no centre any source gives: it is drawn from its low to its high end, a band
        # over the months it covers, with its marker at both ends and none between.
        for row in ranged.itertuples():
            if row.end - row.start > pd.Timedelta(days=40):
                band = axes.fill_between([row.start, row.end], row.low, row.high, color=colour, alpha=0.25, linewidth=0)
            else:
                band = axes.vlines(
                    row.midpoint, row.low, row.high, color=colour, linewidth=6 if claim else 3, alpha=0.6
                )
            marks.attach(band, [row.record_id], [troop_label(series, row)], "low")
        ends = pd.concat([ranged["low"], ranged["high"]])
        dots = points(
            axes,
            [*single["midpoint"], *ranged["midpoint"], *ranged["midpoint"]],
            [*single["low"], *ends],
            colour,
            marker,
            series,
        )
        # A single figure is its point; a range is its band, whose two end markers belong to it.
        marks.attach(
            dots,
            [*single["record_id"], *[None] * len(ends)],
            [*(troop_label(series, row) for row in single.itertuples()), *[""] * len(ends)],
            "low",
        )
    top = troops["high"].max() * 1.45
    mark_events(axes, events, top, ":")
    axes.set_ylim(0, top)
    count_axis(axes.yaxis)
    half_year_axis(axes.xaxis)
    axes.set_ylabel("Russian military personnel in Belarus")
    last = max(
        [*troops["end"], *([] if worded is None else [pd.Period(p, "M").end_time for p in worded["period_start"]])]
    )
    axes.set_title(f"Russian troops in Belarus: published estimates, {troops['start'].min().year}–{last.year}")
    axes.legend(loc="upper right", fontsize=8)
    figure.autofmt_xdate()
    figure.tight_layout()
    return figure


def transfers_chart(
    tally: pd.DataFrame, tanks: pd.DataFrame, claimed: pd.Series, munitions: pd.DataFrame
) -> plt.Figure:
    """Left: vehicles sent to Russia by tally, against the commentary's figure (its row, ``claimed``).
    Right: munitions per month."""
    claimed_items = claimed["value"]
    figure, (left, right) = plt.subplots(1, 2, figsize=(8.5, 4.2), gridspec_kw={"width_ratios": [1, 1.3]})
    bottom = 0.0
    colours = sns.color_palette("colorblind", len(tally))
    for colour, row in zip(colours, tally.itertuples(), strict=True):
        bar = left.bar(
            "Railway workers,\nOctober 2022", row.value, bottom=bottom, color=colour, label=row.item, edgecolor="white"
        )
        marks.attach_each(bar, [row.record_id], [_transfer_label(row)], "value")
        bottom += row.value
    for row in tanks.itertuples():
        bar = left.bar(
            f"{row.counted_by.split(' (')[0]},\n{row.period_start.strftime('%b')}–{row.period_end.strftime('%b %Y')}",
            row.value,
            color=colours[0],
            edgecolor="white",
        )
        marks.attach_each(bar, [row.record_id], [_transfer_label(row)], "value")
    line = left.axhline(
        claimed_items,
        color=SERIES_COLOURS["commentary's claim"],
        linestyle="--",
        linewidth=1.5,
        label="commentary: 'more than' this",
    )
    figure_text = in_unit(claimed_items, "units", claimed["qualifier"])
    said = f"{claimed['item']} sent to Russia, the commentary's figure: {figure_text}"
    marks.attach(line, [claimed["record_id"]], [said], "value")
    left.set_ylabel("Vehicles")
    left.set_title("Vehicles sent to Russia", fontsize=11)
    left.legend(fontsize=7, loc="upper right")
    left.tick_params(axis="x", labelsize=8)
    left.set_ylim(0, max(bottom, claimed_items) * 1.6)
    for row in munitions.itertuples():
        span = right.hlines(
            row.tonnes_per_month,
            row.period_start.start_time,
            row.period_end.end_time,
            color=PALETTE[0] if row.months > 1 else PALETTE[1],
            linewidth=4 if row.months > 1 else 8,
        )
        average = f"{count(round(row.tonnes_per_month))} tonnes a month" + (" on average" if row.months > 1 else "")
        label = f"Munitions sent to Russia by rail, {period(row.period_start, row.period_end)}: {average}"
        marks.attach(span, [row.record_id], [label], "value")
    right.scatter([], [], color=PALETTE[0], marker="_", s=200, label="average over a longer period")
    right.scatter([], [], color=PALETTE[1], marker="_", s=200, label="single month")
    count_axis(right.yaxis)
    right.set_ylabel("Tonnes of munitions per month")
    right.set_title("Munitions sent to Russia by rail", fontsize=11)
    right.xaxis.set_major_locator(mdates.MonthLocator(bymonth=[1, 4, 7, 10]))
    right.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    right.tick_params(axis="x", labelrotation=30, labelsize=8)
    right.legend(fontsize=7, loc="upper right")
    right.set_ylim(0, munitions["tonnes_per_month"].max() * 1.3)
    figure.tight_layout()
    return figure


def _transfer_label(row) -> str:
    """'T-72 tanks sent to Russia, October 2022, counted by Belarusian railway workers: 30'."""
    return (
        f"{row.item} sent to Russia, {period(row.period_start, row.period_end)}, counted by {row.counted_by}: "
        f"{in_unit(row.value, row.unit, row.qualifier)}"
    )


FORCE_KIND_STYLES = {
    "official": PALETTE[0],
    "estimate": PALETTE[1],
    "secondary citation": PALETTE[7],
    "journalist's estimate": PALETTE[4],
    "plan": PALETTE[2],
}


def forces_chart(forces: pd.DataFrame, claims: pd.DataFrame) -> plt.Figure:
    """Published sizes of the Belarusian armed forces by kind of figure; the spotlight's figures as lines."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    rows = forces.sort_values("value")
    figure, axes = plt.subplots(figsize=(8, 0.5 * len(rows) + 1.8))
    labels = [f"{r.measure}\n{r.estimated_by}, {r.period_end.year}" for r in rows.itertuples()]
    bars = axes.barh(labels, rows["value"], color=[FORCE_KIND_STYLES[k] for k in rows["kind"]], edgecolor="white")
    marks.attach_each(
        bars,
        rows["record_id"],
        [
            f"{r.measure}, {r.estimated_by}, {r.period_end.year}: {estimate(r.value, r.value, r.qualifier)}"
            for r in rows.itertuples()
        ],
        "value",
    )
    for bar, kind in zip(bars, rows["kind"], strict=True):
        if kind == "plan":  # a plan is not a count: hatched, so colour is not its only mark
            bar.set_hatch("//")
    for position, (value, qualifier) in enumerate(zip(rows["value"], rows["qualifier"], strict=True)):
        # The label keeps the source's qualifier: 'no more than 10,000' is not 10,000.
        axes.text(value, position, " " + estimate(value, value, qualifier), va="center", fontsize=8)
    for claim in claims.itertuples():
        line = axes.axvline(claim.value, color=SERIES_COLOURS["commentary's claim"], linestyle="--", linewidth=1.2)
        said = f"{claim.measure}, the spotlight's figure: {estimate(claim.value, claim.value, claim.qualifier)}"
        marks.attach(line, [claim.record_id], [said], "value")
    handles = [
        Patch(facecolor=colour, hatch="//" if kind == "plan" else None, edgecolor="white", label=kind)
        for kind, colour in FORCE_KIND_STYLES.items()
    ]
    handles.append(
        Line2D([], [], color=SERIES_COLOURS["commentary's claim"], linestyle="--", label="spotlight's figures")
    )
    count_axis(axes.xaxis)
    axes.set_xlim(0, rows["value"].max() * 1.2)
    axes.tick_params(axis="y", labelsize=7)
    axes.set_xlabel("People")
    axes.set_title("Size of the Belarusian armed forces: published figures", fontsize=11)
    axes.legend(handles=handles, fontsize=7, loc="lower right")
    figure.tight_layout()
    return figure


KIND_COLOURS = {
    "planned": PALETTE[2],
    "claim by Minsk": PALETTE[3],
    "claim by Moscow": PALETTE[1],
    "reported": PALETTE[0],
    "official": PALETTE[0],
    "warning": PALETTE[4],
}


def competing_figures_chart(figures: pd.DataFrame, title: str) -> plt.Figure:
    """Figures for the same thing that disagree, one bar each, coloured and labelled by what kind of
    figure it is and who gives it; a range is drawn from its low to its high end."""
    figures = figures.sort_values("high")
    figure, axes = plt.subplots(figsize=(7.5, 0.8 * len(figures) + 1.4))
    labels = [
        textwrap.fill(m, 34) + f"\n{by}, {kind}"
        for m, by, kind in zip(figures["measure"], figures["stated_by"], figures["kind"], strict=True)
    ]
    # A single figure is a bar from zero; a range floats from its low to its high end, so that
    # its length is not read as its high end alone.
    ranged = figures["high"] > figures["low"]
    starts = figures["low"].where(ranged, 0)
    bars = axes.barh(
        labels,
        figures["high"] - starts,
        left=starts,
        color=[KIND_COLOURS[k] for k in figures["kind"]],
        edgecolor="white",
        hatch=["//" if r else None for r in ranged],
    )
    marks.attach_each(
        bars,
        figures["record_id"],
        [f"{r.measure}, {r.stated_by}: {estimate(r.low, r.high, r.qualifier)}" for r in figures.itertuples()],
        "low",
    )
    for position, row in enumerate(figures.itertuples()):
        axes.text(row.high, position, "  " + estimate(row.low, row.high, row.qualifier), va="center", fontsize=8)
    count_axis(axes.xaxis)
    axes.set_xlim(0, figures["high"].max() * 1.3)
    axes.tick_params(axis="y", labelsize=8)
    axes.set_title(title, fontsize=11)
    figure.tight_layout()
    return figure


def _attach_estimates(dots, rows: pd.DataFrame) -> None:
    if len(rows):
        labels = [
            f"{r.measure}, {month(pd.Period(r.period_start, 'M'))}, {r.stated_by}: "
            + estimate(r.low, r.high, r.qualifier)
            for r in rows.itertuples()
        ]
        marks.attach(dots, rows["record_id"], labels, "low")


ESTIMATOR_MARKERS = ["o", "s", "D", "^", "v", "P", "X"]


def estimates_by_source_chart(estimates: pd.DataFrame, title: str, ylabel: str) -> plt.Figure:
    """Estimates of one quantity over time, one colour and marker per estimator, each labelled with
    its figure as the source gives it ('about 4,000', 'no more than 1,000'); a range is a vertical
    bar, and an expectation (its measure says 'expected') an open marker. Estimates of the same
    month stand side by side, so that none hides another. An estimate with no number shades its
    month with its words (``mark_worded``)."""
    figure, axes = plt.subplots(figsize=(7.5, 4.8))
    numbered = estimates[estimates["low"].notna()].copy()
    numbered["centre"] = (numbered["low"] + numbered["high"]) / 2
    numbered = numbered.sort_values(["period_start", "centre"], kind="stable")
    middle = [pd.Period(p, "M").start_time + pd.Timedelta(days=14) for p in numbered["period_start"]]
    place = numbered.groupby("period_start").cumcount()
    size = numbered.groupby("period_start")["period_start"].transform("size")
    numbered["when"] = [
        m + pd.Timedelta(days=9 * (i - (n - 1) / 2)) for m, i, n in zip(middle, place, size, strict=True)
    ]
    mark_worded(axes, estimates[estimates["low"].isna()])
    estimators = list(dict.fromkeys(numbered["stated_by"]))
    for index, by in enumerate(estimators):
        rows = numbered[numbered["stated_by"] == by]
        colour, marker = PALETTE[index % len(PALETTE)], ESTIMATOR_MARKERS[index % len(ESTIMATOR_MARKERS)]
        for row in rows.itertuples():
            if row.high > row.low:
                axes.vlines(row.when, row.low, row.high, color=colour, linewidth=3, alpha=0.6)
        expected = rows["measure"].str.contains("expected")
        counted = points(axes, rows.loc[~expected, "when"], rows.loc[~expected, "centre"], colour, marker, by)
        _attach_estimates(counted, rows[~expected])
        if expected.any():
            hoped = points(
                axes,
                rows.loc[expected, "when"],
                rows.loc[expected, "centre"],
                colour,
                marker,
                f"{by}, expected",
                hollow=True,
            )
            _attach_estimates(hoped, rows[expected])
    # Labels to the right; in a month with several estimates, stacked in value order so they do not overprint.
    for row, i, n in zip(numbered.itertuples(), place, size, strict=True):
        axes.annotate(
            estimate(row.low, row.high, row.qualifier),
            (row.when, row.centre),
            xytext=(40, 14 * (i - (n - 1) / 2)) if n > 1 else (8, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize=7,
            arrowprops={"arrowstyle": "-", "color": "grey", "linewidth": 0.5} if n > 1 else None,
        )
    axes.set_ylim(0, numbered["high"].max() * 1.25)
    last = max([*numbered["when"], *(pd.Period(p, "M").end_time for p in estimates["period_start"])])
    axes.set_xlim(right=last + pd.Timedelta(days=45))  # room for the last label
    count_axis(axes.yaxis)
    axes.xaxis.set_major_locator(mdates.MonthLocator(bymonth=[1, 4, 7, 10]))
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    axes.set_ylabel(ylabel)
    axes.set_title(title, fontsize=11)
    axes.legend(loc="upper right", fontsize=7)
    figure.autofmt_xdate()
    figure.tight_layout()
    return figure
