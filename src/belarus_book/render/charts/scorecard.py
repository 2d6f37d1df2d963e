"""The chart of the scorecard's verdicts."""

from __future__ import annotations

import matplotlib.pyplot as plt
import matplotlib.ticker as mticker
import pandas as pd

from .style import (
    PALETTE,
)

VERDICT_COLOURS = {"happened": PALETTE[2], "partly": PALETTE[1], "not": PALETTE[3], "too early to tell": PALETTE[7]}


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
