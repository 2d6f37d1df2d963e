"""Chart style and the book's charts. Colours come from seaborn's colour-blind palette."""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import matplotlib.ticker as mticker
import pandas as pd
import seaborn as sns

from .formatting import usd

_PALETTE = sns.color_palette("colorblind")
SERIES_COLOURS = {
    "Belarus-reported": _PALETTE[0],
    "Ukraine-reported": _PALETTE[1],
    "reporter not stated": _PALETTE[7],
    "commentary's claim": _PALETTE[3],
}
SERIES_MARKERS = {
    "Belarus-reported": "o",
    "Ukraine-reported": "s",
    "reporter not stated": "^",
    "commentary's claim": "D",
}


def apply_style() -> None:
    sns.set_theme(style="whitegrid", context="notebook", palette="colorblind")
    plt.rcParams.update(
        {
            "figure.dpi": 110,
            "savefig.dpi": 110,
            "figure.figsize": (7.5, 4.2),
            "axes.titleweight": "bold",
            "axes.titlesize": 12,
        }
    )


def _usd_axis(axis) -> None:
    axis.set_major_formatter(mticker.FuncFormatter(lambda v, _: usd(v) if v else "0"))


def mirror_chart(mirror: pd.DataFrame, commentary: pd.DataFrame) -> plt.Figure:
    """Grouped bars: each flow of 2021 as each side reported it, the commentary's figures as diamonds."""
    figure, axes = plt.subplots()
    order = list(dict.fromkeys(mirror["direction_label"]))
    reporters = list(dict.fromkeys(mirror["reporter_label"]))
    height = 0.38
    for offset, reporter in enumerate(reporters):
        rows = mirror[mirror["reporter_label"] == reporter].set_index("direction_label").loc[order]
        positions = [i + (offset - 0.5) * height for i in range(len(order))]
        bars = axes.barh(
            positions,
            rows["value_usd_m"],
            height=height,
            label=reporter,
            color=SERIES_COLOURS[reporter],
            edgecolor="white",
        )
        for bar, derived, value in zip(bars, rows["derived"], rows["value_usd_m"], strict=True):
            if derived:
                bar.set_hatch("//")
                bar.set_edgecolor("black")
            axes.text(
                value,
                bar.get_y() + bar.get_height() / 2,
                " " + usd(value) + (" (derived)" if derived else ""),
                va="center",
                fontsize=9,
            )
    claimed = commentary.set_index("direction_label").reindex(order)
    axes.scatter(
        claimed["value_usd_m"],
        range(len(order)),
        marker="D",
        s=50,
        zorder=3,
        color=SERIES_COLOURS["commentary's claim"],
        label="commentary's figure",
    )
    axes.set_yticks(range(len(order)), order)
    axes.invert_yaxis()
    _usd_axis(axes.xaxis)
    axes.set_xlim(0, mirror["value_usd_m"].max() * 1.35)
    axes.set_xlabel("US dollars")
    axes.set_title("Ukraine-Belarus trade in goods, 2021, as each side reported it")
    axes.legend(loc="center right", fontsize=9)
    figure.tight_layout()
    return figure


def collapse_chart(monthly: pd.DataFrame, events: pd.DataFrame) -> plt.Figure:
    """Average turnover per month, log scale: a span is drawn across its months, a single month as a point."""
    figure, axes = plt.subplots(figsize=(7.5, 4.4))
    for series, rows in monthly.groupby("series", sort=False):
        colour, marker = SERIES_COLOURS[series], SERIES_MARKERS[series]
        claim = series == "commentary's claim"
        for row in rows.itertuples():
            if row.months > 1:
                # Claims are drawn thin and dashed so a reported figure for the same span stays visible.
                axes.hlines(
                    row.usd_m_per_month,
                    row.period_start.start_time,
                    row.period_end.end_time,
                    color=colour,
                    linewidth=1.5 if claim else 4,
                    linestyles="--" if claim else "-",
                )
        axes.scatter(
            rows["midpoint"],
            rows["usd_m_per_month"],
            color=colour,
            marker=marker,
            s=45,
            zorder=3,
            label=series,
            edgecolor="black",
            linewidth=0.5,
        )
    axes.set_yscale("log")
    axes.yaxis.set_major_formatter(mticker.FuncFormatter(lambda v, _: usd(v)))
    axes.yaxis.set_minor_formatter(mticker.NullFormatter())
    top = monthly["usd_m_per_month"].max() * 3
    for event in events.itertuples():
        when = pd.Timestamp(event.date)
        axes.axvline(when, color="grey", linestyle="--", linewidth=1)
        axes.text(when, top, " " + event.title, rotation=90, va="top", ha="right", fontsize=8, color="dimgrey")
    axes.set_ylim(monthly["usd_m_per_month"].min() / 3, top)
    axes.xaxis.set_major_locator(mdates.MonthLocator(bymonth=[1, 7]))
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    axes.set_ylabel("Average turnover per month (log scale)")
    axes.set_title("Ukraine-Belarus turnover per month, 2021 to mid-2023")
    axes.legend(loc="lower left", fontsize=9)
    figure.autofmt_xdate()
    figure.tight_layout()
    return figure


def history_chart(history: pd.DataFrame) -> plt.Figure:
    """Full-year turnover from the sourced annual figures, one line per reporting side."""
    figure, axes = plt.subplots()
    for series, rows in history.groupby("series", sort=False):
        axes.plot(
            rows["year"],
            rows["value_usd_m"],
            marker=SERIES_MARKERS[series],
            color=SERIES_COLOURS[series],
            label=series,
            linewidth=1.5,
            markersize=7,
            markeredgecolor="black",
            markeredgewidth=0.5,
        )
    _usd_axis(axes.yaxis)
    axes.xaxis.set_major_locator(mticker.MultipleLocator(2))
    axes.set_ylim(0, history["value_usd_m"].max() * 1.15)
    axes.set_ylabel("Turnover in the year")
    axes.set_title("Ukraine-Belarus trade turnover, sourced full-year figures")
    axes.legend(fontsize=9)
    figure.tight_layout()
    return figure


TROOP_STYLES = {
    "troops present": (_PALETTE[0], "o"),
    "troops expected": (_PALETTE[2], "^"),
    "planned ceiling": (_PALETTE[4], "s"),
    "commentary's claim": (_PALETTE[3], "D"),
}


def _count_axis(axis) -> None:
    axis.set_major_formatter(mticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))


def troops_chart(troops: pd.DataFrame, events: pd.DataFrame) -> plt.Figure:
    """Estimates of Russian troops in Belarus over time: a vertical bar spans a range, a
    horizontal bar the months an estimate covers; dashed lines mark dated events."""
    figure, axes = plt.subplots(figsize=(7.5, 4.6))
    for series, rows in troops.groupby("series", sort=False):
        colour, marker = TROOP_STYLES[series]
        claim = series == "commentary's claim"
        for row in rows.itertuples():
            if row.high > row.low:
                axes.vlines(row.midpoint, row.low, row.high, color=colour, linewidth=6 if claim else 3, alpha=0.6)
            if row.end - row.start > pd.Timedelta(days=40):
                axes.hlines(
                    row.central, row.start, row.end, color=colour, linewidth=1.5, linestyles="--" if claim else "-"
                )
        axes.scatter(
            rows["midpoint"],
            rows["central"],
            color=colour,
            marker=marker,
            s=45,
            zorder=3,
            label=series,
            edgecolor="black",
            linewidth=0.5,
        )
    top = troops["high"].max() * 1.45
    for event in events.itertuples():
        when = pd.Timestamp(event.date)
        axes.axvline(when, color="grey", linestyle=":", linewidth=1)
        axes.text(when, top, " " + event.title, rotation=90, va="top", ha="right", fontsize=8, color="dimgrey")
    axes.set_ylim(0, top)
    _count_axis(axes.yaxis)
    axes.xaxis.set_major_locator(mdates.MonthLocator(bymonth=[1, 7]))
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    axes.set_ylabel("Russian military personnel in Belarus")
    axes.set_title("Russian troops in Belarus: published estimates, 2022–2024")
    axes.legend(loc="upper right", fontsize=8)
    figure.autofmt_xdate()
    figure.tight_layout()
    return figure


def transfers_chart(
    tally: pd.DataFrame, tanks: pd.DataFrame, claimed_items: float, munitions: pd.DataFrame
) -> plt.Figure:
    """Left: vehicles sent to Russia by tally, against the commentary's figure. Right: munitions per month."""
    figure, (left, right) = plt.subplots(1, 2, figsize=(8.5, 4.2), gridspec_kw={"width_ratios": [1, 1.3]})
    bottom = 0.0
    colours = sns.color_palette("colorblind", len(tally))
    for colour, row in zip(colours, tally.itertuples(), strict=True):
        left.bar(
            "Railway workers,\nOctober 2022", row.value, bottom=bottom, color=colour, label=row.item, edgecolor="white"
        )
        bottom += row.value
    for row in tanks.itertuples():
        left.bar(
            f"{row.counted_by.split(' (')[0]},\n{row.period_start.strftime('%b')}–{row.period_end.strftime('%b %Y')}",
            row.value,
            color=colours[0],
            edgecolor="white",
        )
    left.axhline(
        claimed_items,
        color=SERIES_COLOURS["commentary's claim"],
        linestyle="--",
        linewidth=1.5,
        label="commentary: 'more than' this",
    )
    left.set_ylabel("Vehicles")
    left.set_title("Vehicles sent to Russia", fontsize=11)
    left.legend(fontsize=7, loc="upper right")
    left.tick_params(axis="x", labelsize=8)
    left.set_ylim(0, max(bottom, claimed_items) * 1.6)
    for row in munitions.itertuples():
        right.hlines(
            row.tonnes_per_month,
            row.period_start.start_time,
            row.period_end.end_time,
            color=_PALETTE[0] if row.months > 1 else _PALETTE[1],
            linewidth=4 if row.months > 1 else 8,
        )
    right.scatter([], [], color=_PALETTE[0], marker="_", s=200, label="average over a longer period")
    right.scatter([], [], color=_PALETTE[1], marker="_", s=200, label="single month")
    _count_axis(right.yaxis)
    right.set_ylabel("Tonnes of munitions per month")
    right.set_title("Munitions sent to Russia by rail", fontsize=11)
    right.xaxis.set_major_locator(mdates.MonthLocator(bymonth=[1, 4, 7, 10]))
    right.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    right.tick_params(axis="x", labelrotation=30, labelsize=8)
    right.legend(fontsize=7, loc="upper right")
    right.set_ylim(0, munitions["tonnes_per_month"].max() * 1.3)
    figure.tight_layout()
    return figure


def timeline_chart(events: pd.DataFrame, title: str) -> plt.Figure:
    """Dated events on one axis, one row per event, coloured by topic."""
    events = events.assign(when=[pd.Timestamp(d) for d in events["date"]]).sort_values("when")
    topics = list(dict.fromkeys(events["topic"]))
    colours = dict(zip(topics, sns.color_palette("colorblind", len(topics)), strict=True))
    figure, axes = plt.subplots(figsize=(7.5, 0.45 * len(events) + 1.2))
    for position, row in enumerate(events.itertuples()):
        axes.scatter(row.when, position, color=colours[row.topic], s=60, zorder=3, edgecolor="black", linewidth=0.5)
        axes.text(row.when, position, "  " + row.title, va="center", fontsize=8)
    for topic, colour in colours.items():
        axes.scatter([], [], color=colour, label=topic, s=40)
    axes.set_yticks([])
    axes.invert_yaxis()
    start, end = events["when"].min(), events["when"].max()
    axes.set_xlim(start - pd.Timedelta(days=60), end + (end - start) * 0.9)
    axes.xaxis.set_major_locator(mdates.MonthLocator(bymonth=[1, 7]))
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    axes.set_title(title)
    axes.legend(fontsize=8, loc="upper right")
    figure.autofmt_xdate()
    figure.tight_layout()
    return figure


def overview_chart(monthly: pd.DataFrame, troops: pd.DataFrame) -> plt.Figure:
    """Two panels on one time axis: trade per month (log scale) and Russian troops present in Belarus."""
    figure, (trade_axes, troop_axes) = plt.subplots(2, 1, figsize=(7.5, 5.6), sharex=True)
    for series, rows in monthly.groupby("series", sort=False):
        trade_axes.scatter(
            rows["midpoint"],
            rows["usd_m_per_month"],
            color=SERIES_COLOURS[series],
            marker=SERIES_MARKERS[series],
            label=series,
            s=40,
            edgecolor="black",
            linewidth=0.5,
        )
    trade_axes.set_yscale("log")
    trade_axes.yaxis.set_major_formatter(mticker.FuncFormatter(lambda v, _: usd(v)))
    trade_axes.yaxis.set_minor_formatter(mticker.NullFormatter())
    trade_axes.set_ylabel("Trade per month")
    trade_axes.set_title("Ukraine-Belarus trade per month (log scale)", fontsize=11)
    trade_axes.legend(fontsize=7, loc="lower left")
    present = troops[troops["series"].isin(["troops present", "commentary's claim"])]
    for series, rows in present.groupby("series", sort=False):
        colour, marker = TROOP_STYLES[series]
        troop_axes.scatter(
            rows["midpoint"],
            rows["central"],
            color=colour,
            marker=marker,
            label=series,
            s=40,
            edgecolor="black",
            linewidth=0.5,
        )
    _count_axis(troop_axes.yaxis)
    troop_axes.set_ylim(0, present["high"].max() * 1.2)
    troop_axes.set_ylabel("Troops")
    troop_axes.set_title("Russian troops in Belarus (centre of each estimate)", fontsize=11)
    troop_axes.legend(fontsize=7, loc="upper right")
    troop_axes.xaxis.set_major_locator(mdates.MonthLocator(bymonth=[1, 7]))
    troop_axes.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    figure.autofmt_xdate()
    figure.tight_layout()
    return figure
