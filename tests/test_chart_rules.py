"""Rules every chart of a running total must keep, checked on the chart as drawn: a total is
drawn only where a source gives one, and each listing made without a published total is marked
where it happened, not folded into the next total a source gives."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402

from belarus_book.data import datapackage  # noqa: E402
from belarus_book.render.charts import sanctions  # noqa: E402


def test_a_running_total_is_drawn_only_at_the_totals_a_source_gives_and_each_listing_where_it_happened():
    packages = datapackage.load().eu_sanctions
    figure = sanctions.sanctions_chart(packages)
    lower = figure.axes[1]
    lines = [line for line in lower.get_lines() if line.get_marker() not in (None, "None", "")]
    assert lines, "no totals drawn"
    for line in lines:
        assert line.get_drawstyle() == "default", "a step would date growth at the next sourced total"
        drawn = {pd.Timestamp(x).date() for x in line.get_xdata()}
        column = "total_individuals" if line.get_marker() == "o" else "total_entities"
        sourced = {pd.Timestamp(d).date() for d in packages.dropna(subset=[column])["date"]}
        assert drawn == sourced, (column, sorted(drawn ^ sourced))
    marked = {
        pd.Timestamp(line.get_xdata()[0]).date()
        for line in lower.get_lines()
        if line.get_marker() in (None, "None", "") and len(set(line.get_xdata())) == 1
    }
    listings = packages[
        (packages["decision"] == "package")
        & ((packages["kind"] == "listings") | packages["measures"].str.contains("listed", na=False))
        & packages["total_individuals"].isna()
    ]
    assert {pd.Timestamp(d).date() for d in listings["date"]} == marked
    assert marked, "the data have listings without a published total: the chart must mark them"
