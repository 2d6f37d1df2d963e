"""The book's chart style, defined once: palette, markers per series, and the axes and marks every family shares."""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import matplotlib.ticker as mticker
import pandas as pd
import seaborn as sns

from ...analysis.trade import UNCONFIRMED
from ..formatting import usd

PALETTE = sns.color_palette("colorblind")
SERIES_COLOURS = {
    "Belarus-reported": PALETTE[0],
    "Ukraine-reported": PALETTE[1],
    "Russia-reported": PALETTE[2],
    "reporter not stated": PALETTE[7],
    "commentary's claim": PALETTE[3],
}
SERIES_MARKERS = {
    "Belarus-reported": "o",
    "Ukraine-reported": "s",
    "Russia-reported": "v",
    "reporter not stated": "^",
    "commentary's claim": "D",
}


# One colour and marker per topic of an event, the same on every timeline (colour is never the
# only code: each topic has its own marker too).
TOPIC_STYLES = {
    "politics": (PALETTE[0], "o"),
    "security": (PALETTE[3], "s"),
    "sanctions": (PALETTE[2], "D"),
    "trade": (PALETTE[4], "^"),
    "economy": (PALETTE[7], "v"),
}


def date_axis(axis, start: pd.Timestamp, end: pd.Timestamp) -> None:
    """Date ticks as dense as the span needs: every month for a span of up to eight months, every
    quarter up to three years, else every half-year; each reads 'Jan 2022'."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if months <= 8:
        axis.set_major_locator(mdates.MonthLocator())
    elif months <= 36:
        axis.set_major_locator(mdates.MonthLocator(bymonth=[1, 4, 7, 10]))
    else:
        axis.set_major_locator(mdates.MonthLocator(bymonth=[1, 7]))
    axis.set_major_formatter(mdates.DateFormatter("%b %Y"))


def apply_style() -> None:
    sns.set_theme(style="whitegrid", context="notebook", palette="colorblind")
    plt.rcParams.update(
        {
            "figure.dpi": 110,
            "savefig.dpi": 110,
            "figure.figsize": (7.5, 4.2),
            "axes.titleweight": "bold",
            "axes.titlesize": 12,
            # Chart text from the data is literal: a '$' is a dollar sign, never mathtext (render.escape).
            "text.parse_math": False,
        }
    )


def series_style(series: str) -> tuple[str, str, bool]:
    """Colour, marker and hollowness of a trade series: an unconfirmed row keeps its side's colour
    and marker, drawn hollow."""
    side = series.removesuffix(UNCONFIRMED)
    return SERIES_COLOURS[side], SERIES_MARKERS[side], side != series


def points(axes, x, y, colour, marker, label, hollow=False, size=45):
    """Outlined markers, drawn above lines: the book's style for individual estimates. A figure no
    stored copy of its source confirms is a larger open ring drawn on top, so that it stays visible
    where another figure has the same value. Returns the markers drawn."""
    if hollow:
        return axes.scatter(
            x, y, facecolor="none", edgecolor=colour, marker=marker, s=size * 2.5, zorder=4, label=label, linewidth=1.8
        )
    return axes.scatter(
        x, y, color=colour, marker=marker, s=size, zorder=3, label=label, edgecolor="black", linewidth=0.5
    )


def mark_events(axes, events: pd.DataFrame, top: float, linestyle: str) -> None:
    """A vertical line and a rotated label for each dated event."""
    for event in events.itertuples():
        when = pd.Timestamp(event.date)
        axes.axvline(when, color="grey", linestyle=linestyle, linewidth=1)
        axes.text(when, top, " " + event.title, rotation=90, va="top", ha="right", fontsize=8, color="dimgrey")


def half_year_axis(axis) -> None:
    """Date ticks every January and July, as 'Jan 2022'."""
    axis.set_major_locator(mdates.MonthLocator(bymonth=[1, 7]))
    axis.set_major_formatter(mdates.DateFormatter("%b %Y"))


def usd_axis(axis) -> None:
    axis.set_major_formatter(mticker.FuncFormatter(lambda v, _: usd(v) if v else "0"))


TROOP_STYLES = {
    "troops present": (PALETTE[0], "o"),
    "troops expected": (PALETTE[2], "^"),
    "planned ceiling": (PALETTE[4], "s"),
    "commentary's claim": (PALETTE[3], "D"),
}


def count_axis(axis) -> None:
    axis.set_major_formatter(mticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
