"""Timelines of dated events, and the prisoner releases set against them."""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import pandas as pd

from ..formatting import count, date, month, period
from . import marks
from .style import (
    PALETTE,
    TOPIC_STYLES,
    date_axis,
    half_year_axis,
)


def timeline_chart(events: pd.DataFrame, title: str) -> plt.Figure:
    """Dated events on one axis, one row per event, coloured by topic. The title gets the span of the
    events ('..., August 2020–June 2023') and the axis ends with them: both come from the same rows."""
    events = events.assign(when=[pd.Timestamp(d) for d in events["date"]]).sort_values("when")
    topics = list(dict.fromkeys(events["topic"]))
    # Capped so that the tallest timeline and its caption fit on a PDF page.
    figure, axes = plt.subplots(figsize=(7.5, min(0.45 * len(events) + 1.2, 6.5)))
    start, end = events["when"].min(), events["when"].max()
    middle = start + (end - start) / 2
    for position, row in enumerate(events.itertuples()):
        colour, marker = TOPIC_STYLES[row.topic]
        drawn = axes.scatter(
            row.when, position, color=colour, marker=marker, s=60, zorder=3, edgecolor="black", linewidth=0.5
        )
        event_id = getattr(row, "event_id", row.Index)  # a column, or the index of a table indexed by its ids
        marks.attach(drawn, [event_id], [f"{row.title}, {date(str(row.date)[:10])}"], "date")
        # Labels of the later half of the events run to the left of their point, so the axis can end with the data.
        right = row.when <= middle
        label = "  " + row.title if right else row.title + "  "
        axes.text(row.when, position, label, va="center", ha="left" if right else "right", fontsize=8)
    for topic in topics:
        colour, marker = TOPIC_STYLES[topic]
        axes.scatter([], [], color=colour, marker=marker, label=topic, s=40, edgecolor="black", linewidth=0.5)
    axes.set_yticks([])
    axes.invert_yaxis()
    margin = max(pd.Timedelta(days=20), (end - start) * 0.04)
    axes.set_xlim(start - margin, end + margin)
    date_axis(axes.xaxis, start, end)
    axes.set_title(f"{title}, {period(pd.Period(start, 'M'), pd.Period(end, 'M'))}")
    if len(topics) > 1:  # a legend of one topic says nothing the title does not
        axes.legend(fontsize=8, loc="upper right")
    figure.autofmt_xdate()
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
    colours = [PALETTE[2] if h else PALETTE[0] for h in handed_over]
    bars = axes.bar(when, releases["high"], width=8, color=colours, edgecolor="black", linewidth=0.4)
    marks.attach_each(
        bars,
        releases["record_id"],
        [f"{r.measure}, {month(pd.Period(r.period_start, 'M'))}: {count(int(r.high))}" for r in releases.itertuples()],
        "high",
    )
    for x, value in zip(when, releases["high"], strict=True):
        # On a white ground, so that an event line through the bar does not cross out its value.
        axes.text(
            x,
            value,
            count(int(value)),
            ha="center",
            va="bottom",
            fontsize=7,
            zorder=4,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6},
        )
    top = releases["high"].max() * 2.2
    # Event labels run across the empty band above the tallest bar, wrapped and stepped down one
    # under the other, so that none crosses a bar or its value.
    for step, event in enumerate(events.sort_values("date").itertuples()):
        moment = pd.Timestamp(event.date)
        line = axes.axvline(moment, color="grey", linestyle="--", linewidth=1)
        marks.attach(line, [event.event_id], [f"{event.title}, {date(str(event.date)[:10])}"], "date")
        axes.text(
            moment,
            top * (0.97 - 0.14 * step),
            textwrap.fill(event.title, 26) + " ",
            va="top",
            ha="right",
            fontsize=7,
            color="dimgrey",
        )
    axes.set_ylim(0, top)
    axes.set_ylabel("People freed")
    half_year_axis(axes.xaxis)
    first, last = min(months), max(months)
    axes.set_title(f"Releases from Belarusian prisons, {first.year}–{last.year}")
    axes.legend(
        handles=[
            Patch(color=PALETTE[0], label="political prisoners freed"),
            Patch(color=PALETTE[2], label="Ukrainian citizens handed over"),
            plt.Line2D([], [], color="grey", linestyle="--", label="US sanctions eased"),
        ],
        fontsize=8,
        loc="upper left",
    )
    figure.autofmt_xdate()
    figure.tight_layout()
    return figure
