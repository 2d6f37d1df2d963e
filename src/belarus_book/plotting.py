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
