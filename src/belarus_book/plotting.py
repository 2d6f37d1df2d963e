"""Chart style and the book's charts. Colours come from seaborn's colour-blind palette."""

from __future__ import annotations

import textwrap

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import matplotlib.ticker as mticker
import pandas as pd
import seaborn as sns

from .formatting import count, estimate, in_unit, percent, period, usd
from .trade import UNCONFIRMED

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


def _series_style(series: str) -> tuple[str, str, bool]:
    """Colour, marker and hollowness of a trade series: an unconfirmed row keeps its side's colour
    and marker, drawn hollow."""
    side = series.removesuffix(UNCONFIRMED)
    return SERIES_COLOURS[side], SERIES_MARKERS[side], side != series


def _points(axes, x, y, colour, marker, label, hollow=False, size=45) -> None:
    """Outlined markers, drawn above lines: the book's style for individual estimates. A figure no
    stored copy of its source confirms is a larger open ring drawn on top, so that it stays visible
    where another figure has the same value."""
    if hollow:
        axes.scatter(
            x, y, facecolor="none", edgecolor=colour, marker=marker, s=size * 2.5, zorder=4, label=label, linewidth=1.8
        )
    else:
        axes.scatter(x, y, color=colour, marker=marker, s=size, zorder=3, label=label, edgecolor="black", linewidth=0.5)


def _mark_events(axes, events: pd.DataFrame, top: float, linestyle: str) -> None:
    """A vertical line and a rotated label for each dated event."""
    for event in events.itertuples():
        when = pd.Timestamp(event.date)
        axes.axvline(when, color="grey", linestyle=linestyle, linewidth=1)
        axes.text(when, top, " " + event.title, rotation=90, va="top", ha="right", fontsize=8, color="dimgrey")


def _half_year_axis(axis) -> None:
    """Date ticks every January and July, as 'Jan 2022'."""
    axis.set_major_locator(mdates.MonthLocator(bymonth=[1, 7]))
    axis.set_major_formatter(mdates.DateFormatter("%b %Y"))


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


def _monthly_marks(axes, monthly: pd.DataFrame, size: float = 45) -> None:
    """Turnover per month: an average over several months is a bar across those months, with its
    marker at each end, so that it never reads as one month's figure; a single month is a point."""
    for series, rows in monthly.groupby("series", sort=False):
        colour, marker, hollow = _series_style(series)
        claim = series == "commentary's claim"
        spans = rows[rows["months"] > 1]
        for row in spans.itertuples():
            # Claims and unconfirmed rows are thin and dashed, so a reported figure for the same span stays visible.
            axes.hlines(
                row.usd_m_per_month,
                row.period_start.start_time,
                row.period_end.end_time,
                color=colour,
                linewidth=1.5 if claim or hollow else 4,
                linestyles="--" if claim or hollow else "-",
                zorder=2,
            )
        ends = pd.concat(
            [
                spans.assign(at=[p.start_time for p in spans["period_start"]]),
                spans.assign(at=[p.end_time for p in spans["period_end"]]),
            ]
        )
        singles = rows[rows["months"] == 1].assign(at=rows["midpoint"])
        marks = pd.concat([singles, ends])
        _points(axes, marks["at"], marks["usd_m_per_month"], colour, marker, series, hollow, size=size)


def collapse_chart(monthly: pd.DataFrame, events: pd.DataFrame) -> plt.Figure:
    """Average turnover per month, log scale: a span is drawn across its months, a single month as a point."""
    figure, axes = plt.subplots(figsize=(7.5, 4.4))
    _monthly_marks(axes, monthly)
    axes.set_yscale("log")
    axes.yaxis.set_major_formatter(mticker.FuncFormatter(lambda v, _: usd(v)))
    axes.yaxis.set_minor_formatter(mticker.NullFormatter())
    top = monthly["usd_m_per_month"].max() * 3
    _mark_events(axes, events, top, "--")
    axes.set_ylim(monthly["usd_m_per_month"].min() / 3, top)
    _half_year_axis(axes.xaxis)
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
        colour, marker, hollow = _series_style(series)
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
    _usd_axis(axes.yaxis)
    axes.xaxis.set_major_locator(mticker.MultipleLocator(1))
    axes.xaxis.set_major_formatter(mticker.FuncFormatter(lambda v, _: f"{v:.0f}"))
    axes.tick_params(axis="x", labelsize=8, labelrotation=45)
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


def troops_chart(troops: pd.DataFrame, events: pd.DataFrame, worded: pd.DataFrame | None = None) -> plt.Figure:
    """Estimates of Russian troops in Belarus over time: a vertical bar spans a range, a
    horizontal bar the months an estimate covers; dashed lines mark dated events. Reports that give
    no number (``worded``: month and the source's words) are open markers on the time axis, labelled
    with their words, never placed at a guessed height."""
    figure, axes = plt.subplots(figsize=(7.5, 4.6))
    for row in (worded if worded is not None else pd.DataFrame()).itertuples():
        when = pd.Period(row.period_start, "M").start_time + pd.Timedelta(days=14)
        axes.scatter(when, 0, marker="o", facecolor="white", edgecolor=_PALETTE[0], s=60, zorder=4, clip_on=False)
        axes.annotate(
            f"“{row.words}”",
            (when, 0),
            xytext=(0, 12),
            textcoords="offset points",
            rotation=90,
            fontsize=7,
            ha="center",
            va="bottom",
            color="dimgrey",
        )
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
        _points(axes, rows["midpoint"], rows["central"], colour, marker, series)
    top = troops["high"].max() * 1.45
    _mark_events(axes, events, top, ":")
    axes.set_ylim(0, top)
    _count_axis(axes.yaxis)
    _half_year_axis(axes.xaxis)
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
    """Dated events on one axis, one row per event, coloured by topic. The title gets the span of the
    events ('..., August 2020–June 2023') and the axis ends with them: both come from the same rows."""
    events = events.assign(when=[pd.Timestamp(d) for d in events["date"]]).sort_values("when")
    topics = list(dict.fromkeys(events["topic"]))
    colours = dict(zip(topics, sns.color_palette("colorblind", len(topics)), strict=True))
    # Capped so that the tallest timeline and its caption fit on a PDF page.
    figure, axes = plt.subplots(figsize=(7.5, min(0.45 * len(events) + 1.2, 6.5)))
    start, end = events["when"].min(), events["when"].max()
    middle = start + (end - start) / 2
    for position, row in enumerate(events.itertuples()):
        axes.scatter(row.when, position, color=colours[row.topic], s=60, zorder=3, edgecolor="black", linewidth=0.5)
        # Labels of the later half of the events run to the left of their point, so the axis can end with the data.
        right = row.when <= middle
        label = "  " + row.title if right else row.title + "  "
        axes.text(row.when, position, label, va="center", ha="left" if right else "right", fontsize=8)
    for topic, colour in colours.items():
        axes.scatter([], [], color=colour, label=topic, s=40)
    axes.set_yticks([])
    axes.invert_yaxis()
    margin = max(pd.Timedelta(days=20), (end - start) * 0.04)
    axes.set_xlim(start - margin, end + margin)
    _half_year_axis(axes.xaxis)
    axes.set_title(f"{title}, {period(pd.Period(start, 'M'), pd.Period(end, 'M'))}")
    axes.legend(fontsize=8, loc="upper right")
    figure.autofmt_xdate()
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
    present = troops[troops["series"].isin(["troops present", "commentary's claim"])]
    for series, rows in present.groupby("series", sort=False):
        colour, marker = TROOP_STYLES[series]
        ranges = rows[rows["high"] > rows["low"]]
        troop_axes.vlines(ranges["midpoint"], ranges["low"], ranges["high"], color=colour, linewidth=3, alpha=0.6)
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
    troop_axes.set_title("Russian troops in Belarus (centre of each estimate, bar across a range)", fontsize=11)
    troop_axes.legend(fontsize=7, loc="upper right")
    _half_year_axis(troop_axes.xaxis)
    figure.autofmt_xdate()
    figure.tight_layout()
    return figure


FORCE_KIND_STYLES = {
    "official": _PALETTE[0],
    "estimate": _PALETTE[1],
    "secondary citation": _PALETTE[7],
    "journalist's estimate": _PALETTE[4],
}


def forces_chart(forces: pd.DataFrame, claims: pd.DataFrame) -> plt.Figure:
    """Published sizes of the Belarusian armed forces by kind of figure; the spotlight's figures as lines."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    rows = forces.sort_values("value")
    figure, axes = plt.subplots(figsize=(8, 0.5 * len(rows) + 1.8))
    labels = [f"{r.measure}\n{r.estimated_by}, {r.period_end.year}" for r in rows.itertuples()]
    axes.barh(labels, rows["value"], color=[FORCE_KIND_STYLES[k] for k in rows["kind"]], edgecolor="white")
    for position, value in enumerate(rows["value"]):
        axes.text(value, position, " " + count(int(value)), va="center", fontsize=8)
    for claim in claims.itertuples():
        axes.axvline(claim.value, color=SERIES_COLOURS["commentary's claim"], linestyle="--", linewidth=1.2)
    handles = [Patch(color=colour, label=kind) for kind, colour in FORCE_KIND_STYLES.items()]
    handles.append(
        Line2D([], [], color=SERIES_COLOURS["commentary's claim"], linestyle="--", label="spotlight's figures")
    )
    _count_axis(axes.xaxis)
    axes.set_xlim(0, rows["value"].max() * 1.2)
    axes.tick_params(axis="y", labelsize=7)
    axes.set_xlabel("People")
    axes.set_title("Size of the Belarusian armed forces: published figures", fontsize=11)
    axes.legend(handles=handles, fontsize=7, loc="lower right")
    figure.tight_layout()
    return figure


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
        color=_PALETTE[0],
        marker="o",
        label="people listed (running total)",
    )
    entities = packages.dropna(subset=["total_entities"])
    bottom.step(
        entities["when"],
        entities["total_entities"],
        where="post",
        color=_PALETTE[1],
        marker="s",
        label="entities listed (running total)",
    )
    _count_axis(bottom.yaxis)
    bottom.set_ylabel("Listed in total")
    bottom.legend(fontsize=8, loc="upper left")
    _half_year_axis(bottom.xaxis)
    figure.autofmt_xdate()
    figure.tight_layout()
    return figure


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
        SERIES_COLOURS["commentary's claim"] if b == "commentary_claim" else _PALETTE[7] for b in forecasts["basis"]
    ]
    left.barh(labels, forecasts["value"], color=colours, edgecolor="white")
    left.axvline(
        outcome_2022["value"], color=_PALETTE[0], linewidth=2, label="outcome: " + percent(outcome_2022["value"])
    )
    left.set_xlabel("Forecast change in 2022 GDP (%)")
    left.set_title("What was expected for 2022", fontsize=11)
    left.tick_params(axis="y", labelsize=8)
    left.legend(fontsize=8, loc="lower left")
    outcomes = gdp[gdp["kind"] == "outcome"].sort_values("year")
    right.bar(
        outcomes["year"].astype(str),
        outcomes["value"],
        color=[_PALETTE[3] if v < 0 else _PALETTE[0] for v in outcomes["value"]],
        edgecolor="white",
    )
    for x, v in zip(outcomes["year"].astype(str), outcomes["value"], strict=True):
        right.text(x, v, percent(v), ha="center", va="bottom" if v >= 0 else "top", fontsize=8)
    right.axhline(0, color="black", linewidth=0.8)
    right.set_ylim(min(forecasts["value"].min(), outcomes["value"].min()) * 1.15, outcomes["value"].max() * 1.6)
    right.set_ylabel("Real GDP change (%)")
    right.tick_params(axis="x", labelsize=8, labelrotation=45)
    right.set_title("What happened", fontsize=11)
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
        bars = axes.bar(positions, rows["value"], width=width, label=f"{reporter}-reported", color=_PALETTE[offset])
        for bar, value in zip(bars, rows["value"], strict=True):
            axes.text(bar.get_x() + bar.get_width() / 2, value, usd(value * 1000), ha="center", va="bottom", fontsize=8)
    axes.set_xticks(range(len(years)), [str(y) for y in years])
    axes.set_ylabel("Turnover (USD billion)")
    axes.set_ylim(0, trade["value"].max() * 1.25)
    axes.set_title("Belarus-Russia trade turnover")
    axes.legend(fontsize=8, loc="upper left")
    figure.tight_layout()
    return figure


def places_map(places: pd.DataFrame, title: str = "Places named in the commentaries") -> plt.Figure:
    """The places the commentaries name, on an offline basemap (boundaries from basemap-data)."""
    from mpl_toolkits.basemap import Basemap

    figure, axes = plt.subplots(figsize=(7, 6))
    world = Basemap(projection="lcc", lat_0=52, lon_0=28.5, width=1100e3, height=900e3, resolution="i", ax=axes)
    world.drawmapboundary(fill_color="#dceef8")
    world.fillcontinents(color="#f2f2ee", lake_color="#dceef8")
    world.drawcountries(linewidth=1.2, color="#555555")
    world.drawcoastlines(linewidth=0.5, color="#777777")
    kinds = list(dict.fromkeys(places["kind"]))
    markers = dict(zip(kinds, ["*", "o", "s", "^", "D", "v"], strict=False))
    colours = dict(zip(kinds, sns.color_palette("colorblind", len(kinds)), strict=True))
    for row in places.itertuples():
        x, y = world(row.longitude, row.latitude)
        axes.scatter(x, y, marker=markers[row.kind], color=colours[row.kind], s=90, zorder=5, edgecolor="black")
        axes.annotate(
            row.name,
            (x, y),
            xytext=(6, -12 if row.kind == "airfield" else 5),
            textcoords="offset points",
            fontsize=9,
            fontweight="bold",
        )
    for country, lon, lat in (("BELARUS", 26.5, 53.0), ("UKRAINE", 29.0, 49.6), ("RUSSIA", 33.3, 53.9)):
        x, y = world(lon, lat)
        axes.text(x, y, country, fontsize=10, color="#888888", ha="center")
    for kind in kinds:
        axes.scatter([], [], marker=markers[kind], color=colours[kind], label=kind, edgecolor="black")
    axes.legend(fontsize=8, loc="lower left")
    axes.set_title(title)
    figure.tight_layout()
    return figure


# --- Part IV: what happened next -------------------------------------------------------------

FORECASTER_STYLES = {
    "World Bank": (_PALETTE[2], "s"),
    "IMF": (_PALETTE[4], "^"),
    "Belarusian government": (_PALETTE[3], "D"),
    "BEROC (Dzmitry Kruk)": (_PALETTE[5], "v"),
    "EBRD": (_PALETTE[6], "<"),
    "S&P": (_PALETTE[8], ">"),
    "independent economists": (SERIES_COLOURS["commentary's claim"], "X"),
}


def forecasts_against_outcomes_chart(outlook: pd.DataFrame, first_year: int = 2021) -> plt.Figure:
    """Belarusian GDP growth: the outcome of each year as a bar, every forecast and target for that
    year as a marker across it (each forecaster a little apart, so none hides another), so that
    each forecast can be read against what happened."""
    gdp = outlook[(outlook["indicator"] == "gdp_growth") & (outlook["year"] >= first_year)]
    outcomes = gdp[gdp["kind"] == "outcome"].set_index("year")["value"]
    years = sorted(gdp["year"].unique())
    position = {year: i for i, year in enumerate(years)}
    figure, axes = plt.subplots(figsize=(7.5, 5.4))
    axes.bar(
        [position[y] for y in outcomes.index],
        outcomes.values,
        color=[_PALETTE[3] if v < 0 else _PALETTE[0] for v in outcomes.values],
        alpha=0.55,
        edgecolor="white",
        label="outcome",
    )
    for year, v in outcomes.items():
        axes.text(position[year], v, percent(v), ha="center", va="bottom" if v >= 0 else "top", fontsize=8)
    predictions = gdp[gdp["kind"].isin(["forecast", "target"])]
    forecasters = list(dict.fromkeys(predictions["made_by"]))
    for k, (made_by, rows) in enumerate(predictions.groupby("made_by", sort=False)):
        colour, marker = FORECASTER_STYLES.get(made_by, (_PALETTE[7], "o"))
        kind = "target" if (rows["kind"] == "target").all() else "forecast"
        claim = (rows["basis"] == "commentary_claim").all()
        published = "; ".join(sorted({p[:4] for p in rows["published"]}))
        when = "" if kind == "target" else f", made in {published}"
        label = ("PISM spotlight's claim: " if claim else "") + f"{made_by} {kind}{when}"
        offset = 0.6 * (k - (len(forecasters) - 1) / 2) / max(len(forecasters), 1)
        axes.scatter(
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
    axes.set_xticks(range(len(years)), [str(y) for y in years])
    axes.axhline(0, color="black", linewidth=0.8)
    axes.set_ylabel("Real GDP change (%)")
    axes.set_title(f"Belarusian GDP, {years[0]}–{years[-1]}: outcomes and what was forecast")
    axes.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=2, frameon=False)
    figure.tight_layout()
    return figure


def russia_trade_by_coverage_chart(trade: pd.DataFrame) -> plt.Figure:
    """Belarus-Russia turnover as points, one series per side and coverage, never joined across them:
    a figure of another basis is another series."""
    figure, axes = plt.subplots(figsize=(7.5, 4.0))
    markers = {"Belarus": "o", "Russia": "s"}
    for (reporter, coverage), rows in trade.groupby(["reporter", "coverage"], sort=False):
        colour = _PALETTE[0] if reporter == "Belarus" else _PALETTE[1]
        hollow = coverage == "not stated"
        label = f"{reporter}'s figure, {coverage}" if not hollow else f"{reporter}'s figure, coverage not stated"
        axes.scatter(
            rows["year"],
            rows["value"],
            marker=markers[reporter],
            s=70,
            zorder=3,
            label=label,
            facecolor="white" if hollow else colour,
            edgecolor=colour,
            linewidth=1.8,
        )
        for year, value, qualifier in zip(rows["year"], rows["value"], rows["qualifier"], strict=True):
            axes.annotate(
                in_unit(value, "USD billion", qualifier),
                (year, value),
                textcoords="offset points",
                xytext=(6, 4),
                fontsize=7,
            )
    axes.set_xticks(sorted(trade["year"].unique()))
    axes.xaxis.set_major_formatter(mticker.FuncFormatter(lambda v, _: f"{v:.0f}"))
    axes.set_ylim(0, trade["value"].max() * 1.2)
    axes.set_ylabel("Turnover (USD billion)")
    axes.set_title("Belarus-Russia trade turnover, by who reports it and what it covers")
    axes.legend(fontsize=7, loc="lower right")
    figure.tight_layout()
    return figure


KIND_COLOURS = {
    "planned": _PALETTE[2],
    "claim by Minsk": _PALETTE[3],
    "claim by Moscow": _PALETTE[1],
    "reported": _PALETTE[0],
    "official": _PALETTE[0],
    "warning": _PALETTE[4],
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
    axes.barh(labels, figures["high"], color=[KIND_COLOURS[k] for k in figures["kind"]], edgecolor="white")
    for position, row in enumerate(figures.itertuples()):
        axes.text(row.high, position, "  " + estimate(row.low, row.high, row.qualifier), va="center", fontsize=8)
    _count_axis(axes.xaxis)
    axes.set_xlim(0, figures["high"].max() * 1.3)
    axes.tick_params(axis="y", labelsize=8)
    axes.set_title(title, fontsize=11)
    figure.tight_layout()
    return figure


def releases_chart(releases: pd.DataFrame, events: pd.DataFrame) -> plt.Figure:
    """People freed in each release, as a bar in its month (releases in the same month side by side),
    with dashed lines where the United States eased sanctions; a total for a whole year is not drawn
    here, as it is not one release."""
    from matplotlib.patches import Patch

    months = [pd.Period(p, "M") for p in releases["period_start"]]
    keys = pd.Series([str(m) for m in months])
    order, shared = keys.groupby(keys).cumcount().to_numpy(), keys.map(keys.value_counts()).to_numpy()
    when = [
        m.start_time + pd.Timedelta(days=15 + 9 * (o - (n - 1) / 2))
        for m, o, n in zip(months, order, shared, strict=True)
    ]
    figure, axes = plt.subplots(figsize=(7.5, 4.2))
    handed_over = releases["measure"].str.contains("Ukrain")
    colours = [_PALETTE[2] if h else _PALETTE[0] for h in handed_over]
    axes.bar(when, releases["high"], width=8, color=colours, edgecolor="black", linewidth=0.4)
    for x, value in zip(when, releases["high"], strict=True):
        axes.text(x, value, count(int(value)), ha="center", va="bottom", fontsize=7)
    top = releases["high"].max() * 2.2
    for event in events.itertuples():
        moment = pd.Timestamp(event.date)
        axes.axvline(moment, color="grey", linestyle="--", linewidth=1)
        axes.text(moment, top * 0.97, " " + event.title, rotation=90, va="top", ha="right", fontsize=7, color="dimgrey")
    axes.set_ylim(0, top)
    axes.set_ylabel("People freed")
    _half_year_axis(axes.xaxis)
    first, last = min(months), max(months)
    axes.set_title(f"Releases from Belarusian prisons, {first.year}–{last.year}")
    axes.legend(
        handles=[
            Patch(color=_PALETTE[0], label="political prisoners freed"),
            Patch(color=_PALETTE[2], label="Ukrainian citizens handed over"),
            plt.Line2D([], [], color="grey", linestyle="--", label="US sanctions eased"),
        ],
        fontsize=8,
        loc="upper left",
    )
    figure.autofmt_xdate()
    figure.tight_layout()
    return figure


VERDICT_COLOURS = {"happened": _PALETTE[2], "partly": _PALETTE[1], "not": _PALETTE[3], "too early to tell": _PALETTE[7]}


def scorecard_chart(counts: pd.DataFrame, titles: dict[str, str]) -> plt.Figure:
    """How many of each commentary's statements got each verdict, as stacked bars."""
    figure, axes = plt.subplots(figsize=(7.5, 3.2))
    left = pd.Series(0, index=counts.index)
    labels = [titles[c] for c in counts.index]
    for verdict, colour in VERDICT_COLOURS.items():
        axes.barh(labels, counts[verdict], left=left, color=colour, label=verdict, edgecolor="white")
        left = left + counts[verdict]
    axes.xaxis.set_major_locator(mticker.MaxNLocator(integer=True))
    axes.set_xlabel("Statements")
    axes.tick_params(axis="y", labelsize=8)
    axes.set_title("Verdicts on the commentaries' expectations and recommendations", fontsize=10)
    axes.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.35), ncol=4)
    figure.tight_layout()
    return figure
