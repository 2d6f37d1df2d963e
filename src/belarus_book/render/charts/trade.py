"""Charts of Ukraine-Belarus trade (mirror figures, the 2022 collapse, the history) and of Belarus-Russia trade."""

from __future__ import annotations

import matplotlib.pyplot as plt
import matplotlib.ticker as mticker
import pandas as pd

from ...analysis import security
from ..formatting import in_unit, period, usd
from . import marks
from .security import troop_label
from .style import (
    SERIES_COLOURS,
    SERIES_MARKERS,
    TROOP_STYLES,
    count_axis,
    half_year_axis,
    mark_events,
    points,
    series_style,
    usd_axis,
)


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
        marks.attach_each(
            bars,
            rows["record_ids"],
            [
                f"{direction}, 2021, {reporter}: {usd(value)}" + (", derived: turnover less exports" if derived else "")
                for direction, value, derived in zip(order, rows["value_usd_m"], rows["derived"], strict=True)
            ],
            "value",
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
    diamonds = axes.scatter(
        claimed["value_usd_m"],
        range(len(order)),
        marker="D",
        s=50,
        zorder=3,
        color=SERIES_COLOURS["commentary's claim"],
        label="commentary's figure",
    )
    marks.attach(
        diamonds,
        claimed["record_ids"],
        [
            f"{direction}, 2021, the commentary's figure: {usd(value)}"
            + (", the sum of its two flows" if " " in ids else "")
            for direction, value, ids in zip(order, claimed["value_usd_m"], claimed["record_ids"], strict=True)
        ],
        "value",
    )
    axes.set_yticks(range(len(order)), order)
    axes.invert_yaxis()
    usd_axis(axes.xaxis)
    axes.set_xlim(0, mirror["value_usd_m"].max() * 1.35)
    axes.set_xlabel("US dollars")
    axes.set_title("Ukraine-Belarus trade in goods, 2021, as each side reported it")
    axes.legend(loc="center right", fontsize=9)
    figure.tight_layout()
    return figure


def _monthly_marks(axes, monthly: pd.DataFrame, size: float = 45) -> None:
    """Turnover per month: an average over several months is a bar across those months, with its
    marker at each end, so that it never reads as one month's figure; a single month is a point."""
    for series, rows in monthly.groupby("series", sort=False):
        colour, marker, hollow = series_style(series)
        claim = series == "commentary's claim"
        spans = rows[rows["months"] > 1]
        for row in spans.itertuples():
            # Claims and unconfirmed rows are thin and dashed, so a reported figure for the same span stays visible.
            span = axes.hlines(
                row.usd_m_per_month,
                row.period_start.start_time,
                row.period_end.end_time,
                color=colour,
                linewidth=1.5 if claim or hollow else 4,
                linestyles="--" if claim or hollow else "-",
                zorder=2,
            )
            marks.attach(span, [row.record_id], [_monthly_label(series, row)], "value")
        ends = pd.concat(
            [
                spans.assign(at=[p.start_time for p in spans["period_start"]]),
                spans.assign(at=[p.end_time for p in spans["period_end"]]),
            ]
        )
        singles = rows[rows["months"] == 1]
        singles = singles.assign(at=singles["midpoint"])  # an empty frame would adopt the index of rows
        drawn = pd.concat([singles, ends])
        dots = points(axes, drawn["at"], drawn["usd_m_per_month"], colour, marker, series, hollow, size=size)
        # A single month is a mark of its own; the ends of a span belong to the span's bar.
        marks.attach(
            dots,
            [*singles["record_id"], *[None] * len(ends)],
            [*(_monthly_label(series, row) for row in singles.itertuples()), *[""] * len(ends)],
            "value",
        )


def _monthly_label(series: str, row) -> str:
    """'Turnover, Belarus-reported, 2021: $7 billion, drawn as an average per month': the figure as its
    source gives it (an average of a rounded total would claim a precision the total does not have)."""
    said = (
        f"Turnover, {series}, {period(row.period_start, row.period_end)}: {in_unit(row.value, row.unit, row.qualifier)}"
    )
    return said + (", drawn as an average per month" if row.months > 1 else "")


def collapse_chart(monthly: pd.DataFrame, events: pd.DataFrame) -> plt.Figure:
    """Average turnover per month, log scale: a span is drawn across its months, a single month as a point."""
    figure, axes = plt.subplots(figsize=(7.5, 4.4))
    _monthly_marks(axes, monthly)
    axes.set_yscale("log")
    axes.yaxis.set_major_formatter(mticker.FuncFormatter(lambda v, _: usd(v)))
    axes.yaxis.set_minor_formatter(mticker.NullFormatter())
    top = monthly["usd_m_per_month"].max() * 3
    mark_events(axes, events, top, "--")
    axes.set_ylim(monthly["usd_m_per_month"].min() / 3, top)
    half_year_axis(axes.xaxis)
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
        colour, marker, hollow = series_style(series)
        # A year without a figure is a gap in the line, not a straight stretch between its neighbours.
        years = range(int(rows["year"].min()), int(rows["year"].max()) + 1)
        rows = rows.set_index("year")["value_usd_m"].reindex(years)
        axes.plot(
            rows.index,
            rows.values,
            marker=marker,
            color=colour,
            label=series,
            linewidth=1.5,
            markersize=7,
            markerfacecolor="white" if hollow else colour,
            markeredgecolor=colour if hollow else "black",
            markeredgewidth=1.5 if hollow else 0.5,
        )
    # Each year's marker again, on top, as one link per figure (a line is one link only).
    for series, rows in history.groupby("series", sort=False):
        colour, marker, hollow = series_style(series)
        dots = axes.scatter(
            rows["year"],
            rows["value_usd_m"],
            marker=marker,
            s=49,
            zorder=3,
            facecolor="white" if hollow else colour,
            edgecolor=colour if hollow else "black",
            linewidth=1.5 if hollow else 0.5,
        )
        marks.attach(
            dots,
            rows["record_id"],
            [
                f"Turnover in {year}, {series}: {in_unit(value, unit, qualifier)}"
                for year, value, unit, qualifier in zip(
                    rows["year"], rows["value"], rows["unit"], rows["qualifier"], strict=True
                )
            ],
            "value",
        )
    usd_axis(axes.yaxis)
    axes.xaxis.set_major_locator(mticker.MultipleLocator(1))
    axes.xaxis.set_major_formatter(mticker.FuncFormatter(lambda v, _: f"{v:.0f}"))
    axes.tick_params(axis="x", labelsize=8, labelrotation=45)
    axes.set_ylim(0, history["value_usd_m"].max() * 1.15)
    axes.set_ylabel("Turnover in the year")
    axes.set_title("Ukraine-Belarus trade turnover, sourced full-year figures")
    axes.legend(fontsize=9)
    figure.tight_layout()
    return figure


def overview_chart(monthly: pd.DataFrame, troops: pd.DataFrame) -> plt.Figure:
    """Two panels on one time axis: trade per month (log scale) and Russian troops present in Belarus."""
    figure, (trade_axes, troop_axes) = plt.subplots(2, 1, figsize=(7.5, 5.6), sharex=True)
    _monthly_marks(trade_axes, monthly, size=40)
    trade_axes.set_yscale("log")
    trade_axes.yaxis.set_major_formatter(mticker.FuncFormatter(lambda v, _: usd(v)))
    trade_axes.yaxis.set_minor_formatter(mticker.NullFormatter())
    trade_axes.set_ylabel("Trade per month")
    trade_axes.set_title("Ukraine-Belarus trade per month (log scale)", fontsize=11)
    trade_axes.legend(fontsize=7, loc="lower left")
    present = security.present_or_claimed(troops)
    for series, rows in present.groupby("series", sort=False):
        colour, marker = TROOP_STYLES[series]
        ranges = rows[rows["high"] > rows["low"]]
        troop_axes.vlines(ranges["midpoint"], ranges["low"], ranges["high"], color=colour, linewidth=3, alpha=0.6)
        dots = troop_axes.scatter(
            rows["midpoint"],
            rows["central"],
            color=colour,
            marker=marker,
            label=series,
            s=40,
            edgecolor="black",
            linewidth=0.5,
        )
        marks.attach(dots, rows["record_id"], [troop_label(series, row) for row in rows.itertuples()], "low")
    count_axis(troop_axes.yaxis)
    troop_axes.set_ylim(0, present["high"].max() * 1.2)
    troop_axes.set_ylabel("Troops")
    troop_axes.set_title("Russian troops in Belarus (centre of each estimate, bar across a range)", fontsize=11)
    troop_axes.legend(fontsize=7, loc="upper right")
    half_year_axis(troop_axes.xaxis)
    figure.autofmt_xdate()
    figure.tight_layout()
    return figure


def russia_trade_chart(trade: pd.DataFrame) -> plt.Figure:
    """Belarus-Russia turnover by year and by the side that reported it."""
    figure, axes = plt.subplots(figsize=(6.5, 3.6))
    reporters = list(dict.fromkeys(trade["reporter"]))
    years = sorted(trade["year"].unique())
    width = 0.38
    for offset, reporter in enumerate(reporters):
        rows = trade[trade["reporter"] == reporter].set_index("year").reindex(years)
        positions = [i + (offset - 0.5) * width for i in range(len(years))]
        series = f"{reporter}-reported"
        bars = axes.bar(positions, rows["value"], width=width, label=series, color=SERIES_COLOURS[series])
        found = rows["value"].notna().to_numpy()
        marks.attach_each(
            [bar for bar, here in zip(bars, found, strict=True) if here],
            rows.loc[found, "record_id"],
            [
                f"Belarus-Russia turnover, {year}, {series}: {in_unit(value, 'USD billion', qualifier)}"
                for year, value, qualifier in zip(
                    rows.index[found], rows.loc[found, "value"], rows.loc[found, "qualifier"], strict=True
                )
            ],
            "value",
        )
        for bar, value, qualifier in zip(bars, rows["value"], rows["qualifier"], strict=True):
            if pd.isna(value):
                continue
            # The label keeps the source's qualifier: a lower bound reads 'more than $46.5 billion'.
            label = in_unit(value, "USD billion", qualifier)
            axes.text(bar.get_x() + bar.get_width() / 2, value, label, ha="center", va="bottom", fontsize=8)
    axes.set_xticks(range(len(years)), [str(y) for y in years])
    axes.set_ylabel("Turnover (USD billion)")
    axes.set_ylim(0, trade["value"].max() * 1.25)
    axes.set_title("Belarus-Russia trade turnover")
    axes.legend(fontsize=8, loc="upper left")
    figure.tight_layout()
    return figure


def russia_trade_by_coverage_chart(trade: pd.DataFrame) -> plt.Figure:
    """Belarus-Russia turnover as points, one series per side and coverage, never joined across them:
    a figure of another basis is another series."""
    figure, axes = plt.subplots(figsize=(7.5, 4.0))
    for (reporter, coverage), rows in trade.groupby(["reporter", "coverage"], sort=False):
        colour, marker = SERIES_COLOURS[f"{reporter}-reported"], SERIES_MARKERS[f"{reporter}-reported"]
        hollow = coverage == "not stated"
        label = f"{reporter}'s figure, {coverage}" if not hollow else f"{reporter}'s figure, coverage not stated"
        dots = axes.scatter(
            rows["year"],
            rows["value"],
            marker=marker,
            s=70,
            zorder=3,
            label=label,
            facecolor="white" if hollow else colour,
            edgecolor=colour,
            linewidth=1.8,
        )
        marks.attach(
            dots,
            rows["record_id"],
            [
                f"Belarus-Russia turnover, {year}, {label}: {in_unit(value, 'USD billion', qualifier)}"
                for year, value, qualifier in zip(rows["year"], rows["value"], rows["qualifier"], strict=True)
            ],
            "value",
        )
    # Labels of one year stack in value order, right of their points, so that close figures
    # ('$40 billion' and '$38.5 billion') do not overprint.
    for _, same_year in trade.sort_values("value").groupby("year"):
        for place, row in enumerate(same_year.itertuples()):
            axes.annotate(
                in_unit(row.value, "USD billion", row.qualifier),
                (row.year, row.value),
                textcoords="offset points",
                xytext=(8, 11 * (place - (len(same_year) - 1) / 2)),
                va="center",
                fontsize=7,
            )
    axes.set_xticks(sorted(trade["year"].unique()))
    axes.set_xlim(trade["year"].min() - 0.3, trade["year"].max() + 0.8)  # room for the last labels
    axes.xaxis.set_major_formatter(mticker.FuncFormatter(lambda v, _: f"{v:.0f}"))
    axes.set_ylim(0, trade["value"].max() * 1.2)
    axes.set_ylabel("Turnover (USD billion)")
    axes.set_title("Belarus-Russia trade turnover, by who reports it and what it covers")
    axes.legend(fontsize=7, loc="lower right")
    figure.tight_layout()
    return figure
