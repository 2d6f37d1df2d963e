"""Political prisoners held in Belarus over time, by Viasna's count."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from ..formatting import count, month, period
from . import marks
from .style import PALETTE, half_year_axis


def prisoners_chart(counts: pd.DataFrame) -> plt.Figure:
    """Viasna's counts of political prisoners still held, one point per count, joined by a line. The
    title gets the span of the counts; each point is labelled with its count, above it, or below it
    where it fell within a quarter of the count before (the two labels would otherwise overlap)."""
    when = [month.to_timestamp(how="end") for month in counts["month"]]
    figure, axes = plt.subplots(figsize=(7.5, 3.8))
    axes.plot(when, counts["low"], color=PALETTE[0], linewidth=1.5)
    drawn = axes.scatter(when, counts["low"], marker="o", s=36, color=PALETTE[0], zorder=3)
    marks.attach(
        drawn,
        counts["record_id"],
        [
            f"Political prisoners held, by Viasna's count, {month(m)}: {count(y)}"
            for m, y in zip(counts["month"], counts["low"], strict=True)
        ],
        "low",
    )
    previous = None
    for x, y in zip(when, counts["low"], strict=True):
        below = previous is not None and y < previous[1] and (x - previous[0]).days < 92
        offset, align = ((0, -13), "top") if below else ((0, 7), "bottom")
        axes.annotate(count(y), (x, y), textcoords="offset points", xytext=offset, ha="center", va=align, fontsize=8)
        previous = (x, y)
    axes.set_ylim(0, counts["low"].max() * 1.15)
    axes.set_ylabel("People")
    half_year_axis(axes.xaxis)
    start, end = counts["month"].min(), counts["month"].max()
    axes.set_title(f"Political prisoners held in Belarus, by Viasna's count, {period(start, end)}")
    figure.tight_layout()
    return figure
