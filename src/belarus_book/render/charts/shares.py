"""Charts of the shares of Belarus's trade held by its partners, each mark one count, marked by whose
count it is and what kind, and never joined to another."""

from __future__ import annotations

import matplotlib.pyplot as plt
import matplotlib.ticker as mticker
import pandas as pd
from matplotlib.lines import Line2D

from ...analysis.trade import SHARE_KIND_LABELS
from ..formatting import in_unit, period
from . import marks
from .style import PALETTE, mark_events

KIND_MARKERS = {"statistic": "o", "official": "s", "leader's claim": "D", "analysis": "^", "intelligence": "v"}
FLOW_COLOURS = {"turnover": PALETTE[0], "exports": PALETTE[1], "imports": PALETTE[2]}
PARTNER_COLOURS = {"China": PALETTE[3], "EU": PALETTE[4], "Russia and China": PALETTE[9]}
FLOW_WORDS = {"turnover": "trade", "exports": "exports", "imports": "imports"}


def _marks(axes, rows: pd.DataFrame, colour_of, label_of) -> None:
    """One marker per count at the middle of its period, a thin bar across a period longer than a
    month, the value as the source qualifies it; a party's claim is drawn hollow."""
    for row in rows.itertuples():
        colour = colour_of(row)
        if row.months > 1:
            axes.plot([row.first_day, row.last_day], [row.value, row.value], color=colour, linewidth=1.2, alpha=0.7)
        dot = axes.scatter(
            [row.midpoint],
            [row.value],
            marker=KIND_MARKERS[row.kind],
            s=60,
            zorder=3,
            facecolor="white" if row.party_claim else colour,
            edgecolor=colour if row.party_claim else "black",
            linewidth=1.8 if row.party_claim else 0.5,
        )
        said = (
            f"{row.partner}'s share of Belarus's {FLOW_WORDS[row.flow]}, {period(row.period_start, row.period_end)}, "
            f"{row.stated_by}: {in_unit(row.value, 'percent', row.qualifier)}"
        )
        marks.attach(dot, [row.record_id], [said], "value")
        # An import share is labelled below its mark, so that it never covers the export share beside it.
        offset = (5, -10) if row.flow == "imports" else (5, 4)
        axes.annotate(label_of(row), (row.midpoint, row.value), textcoords="offset points", xytext=offset, fontsize=6.5)


def _kind_legend(kinds: list[str]) -> list[Line2D]:
    return [
        Line2D([], [], linestyle="", marker=KIND_MARKERS[k], color="dimgrey", markersize=6, label=SHARE_KIND_LABELS[k])
        for k in kinds
    ]


def partner_shares_chart(russia: pd.DataFrame, others: pd.DataFrame, events: pd.DataFrame) -> plt.Figure:
    """Russia's share of Belarus's trade by year (above), China's and the EU's where given (below):
    colour says which flow (or partner), the marker what kind of count, a hollow marker a party's
    claim; the dotted line is the month Belstat stopped publishing trade by country."""
    figure, (top, bottom) = plt.subplots(2, 1, figsize=(7.8, 7.2), sharex=True, gridspec_kw={"height_ratios": [1.7, 1]})
    _marks(top, russia, lambda r: FLOW_COLOURS[r.flow], lambda r: in_unit(r.value, "percent", r.qualifier))
    top.set_ylim(30, 80)
    top.set_ylabel("Russia's share (%)")
    top.set_title("Russia's share of Belarus's trade, by whose count it is")
    kinds = [k for k in SHARE_KIND_LABELS if k in set(russia["kind"]) | set(others["kind"])]
    flows = [f for f in FLOW_COLOURS if f in set(russia["flow"])]
    flow_handles = [
        Line2D([], [], linestyle="", marker="o", color=FLOW_COLOURS[f], markersize=6, label=f"share of {FLOW_WORDS[f]}")
        for f in flows
    ]
    top.legend(handles=flow_handles + _kind_legend(kinds), fontsize=7, loc="lower right", ncol=2)
    mark_events(top, events, 79, ":")
    _marks(
        bottom,
        others,
        lambda r: PARTNER_COLOURS[r.partner],
        lambda r: f"{r.partner}, {FLOW_WORDS[r.flow]}: {in_unit(r.value, 'percent', r.qualifier)}",
    )
    bottom.set_ylim(0, others["value"].max() * 1.3)
    bottom.set_ylabel("Share (%)")
    bottom.set_title("China's and the EU's shares, where a source gives them", fontsize=10)
    partner_handles = [
        Line2D([], [], linestyle="", marker="o", color=PARTNER_COLOURS[p], markersize=6, label=p)
        for p in PARTNER_COLOURS
        if p in set(others["partner"])
    ]
    bottom.legend(handles=partner_handles, fontsize=7, loc="upper right")
    for when in events["date"]:
        bottom.axvline(pd.Timestamp(when), color="grey", linestyle=":", linewidth=1)
    for axes in (top, bottom):
        axes.yaxis.set_major_formatter(mticker.FuncFormatter(lambda v, _: f"{v:.0f}%"))
    figure.autofmt_xdate()
    figure.tight_layout()
    return figure
