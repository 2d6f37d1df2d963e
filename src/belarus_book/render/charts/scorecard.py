"""The charts of the scorecard's verdicts: one for expectations (judged on their outcome) and one
for recommendations (judged on their adoption), never added together, since the two scales
measure different things."""

from __future__ import annotations

import matplotlib.pyplot as plt
import matplotlib.ticker as mticker
import pandas as pd

from ..formatting import count
from . import marks
from .style import PALETTE

# The same place on each scale has the same colour: the first is the fullest, the last is unknown.
SCALE_COLOURS = [PALETTE[2], PALETTE[1], PALETTE[3], PALETTE[7]]
# An unknown is hatched as well as grey, so that it never reads as a verdict.
SCALE_HATCHES = ["", "", "", "//"]


def verdicts_chart(
    counts: pd.DataFrame, titles: dict[str, str], title: str, unit: str, card: pd.DataFrame
) -> plt.Figure:
    """How many statements of one kind each commentary has on each verdict of its scale, as stacked
    bars labelled with their counts; each bar is a mark of the statements it counts (rows of ``card``)."""
    figure, axes = plt.subplots(figsize=(7.5, 2.6))
    left = pd.Series(0, index=counts.index)
    labels = [titles[c] for c in counts.index]
    for verdict, colour, hatch in zip(counts.columns, SCALE_COLOURS, SCALE_HATCHES, strict=True):
        bars = axes.barh(
            labels, counts[verdict], left=left, color=colour, hatch=hatch, label=verdict, edgecolor="white"
        )
        axes.bar_label(bars, labels=[str(n) if n else "" for n in counts[verdict]], label_type="center", fontsize=8)
        for bar, commentary, n in zip(bars, counts.index, counts[verdict], strict=True):
            if n:
                counted = card[(card["commentary"] == commentary) & (card["verdict"] == verdict)]
                said = f"{titles[commentary]}, {unit.lower()} judged \u201c{verdict}\u201d: {count(int(n))}"
                marks.attach(bar, [tuple(counted["record_id"])], [said], "verdict")
        left = left + counts[verdict]
    axes.xaxis.set_major_locator(mticker.MaxNLocator(integer=True))
    axes.set_xlabel(unit)
    axes.tick_params(axis="y", labelsize=8)
    axes.set_title(title, fontsize=10)
    axes.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.45), ncol=4)
    figure.tight_layout()
    return figure
