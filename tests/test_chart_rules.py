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


def test_a_topic_keeps_its_colour_on_every_timeline_and_a_short_timeline_has_a_tick_per_month():
    from matplotlib.colors import to_hex

    from belarus_book.render.charts import events as events_charts

    events = datapackage.load().events
    security = events[events["topic"] == "security"].sort_values("date").head(3)
    mixed = pd.concat([events[events["topic"] == "politics"].head(3), security])

    def colour_of_first_security_event(frame):
        figure = events_charts.timeline_chart(frame, "t")
        ordered = frame.assign(when=[pd.Timestamp(d) for d in frame["date"]]).sort_values("when")
        position = list(ordered["topic"]).index("security")
        dots = [c for c in figure.axes[0].collections if len(c.get_offsets())]
        return to_hex(dots[position].get_facecolor()[0]), figure

    alone, figure_alone = colour_of_first_security_event(security)
    beside, _ = colour_of_first_security_event(mixed)
    assert alone == beside, "security changed colour between timelines"
    assert figure_alone.axes[0].get_legend() is None, "a legend of one topic"
    early = events[(events["date"] >= "2022-01") & (events["date"] < "2022-04")]
    ticks = events_charts.timeline_chart(early, "t").axes[0].get_xticks()
    assert len(ticks) >= 3, "a timeline of three months needs a tick per month"


def test_a_reporting_side_keeps_its_colour_across_charts_and_a_bar_label_its_qualifier():
    from matplotlib.colors import to_hex

    from belarus_book.render.charts import trade as trade_charts

    trade = datapackage.load().belarus_russia_trade
    turnover = trade[trade["direction"] == "turnover"]
    bars = trade_charts.russia_trade_chart(turnover).axes[0]
    points = trade_charts.russia_trade_by_coverage_chart(trade).axes[0]
    bar_colour = {c.get_label(): to_hex(c.patches[0].get_facecolor()) for c in bars.containers}
    for dots in points.collections:
        reporter = dots.get_label().split("'s figure")[0]
        assert to_hex(dots.get_edgecolor()[0]) == bar_colour[f"{reporter}-reported"], reporter
    labels = {t.get_text() for t in bars.texts}
    for row in turnover[turnover["qualifier"] == "more_than"].itertuples():
        assert any(label.startswith("more than") for label in labels), row.record_id


def test_a_range_is_marked_at_its_ends_never_at_a_centre_no_source_gives():
    import matplotlib.dates as mdates
    from matplotlib.collections import PathCollection

    from belarus_book.analysis import security
    from belarus_book.render.charts import security as security_charts

    troops = security.prepare_troops(datapackage.load().troop_estimates)
    axes = security_charts.troops_chart(troops, datapackage.load().events.iloc[:0]).axes[0]
    marks = {
        (round(x, 3), round(y)) for c in axes.collections if isinstance(c, PathCollection) for x, y in c.get_offsets()
    }
    ranged = troops[troops["high"] > troops["low"]]
    assert not ranged.empty
    for row in ranged.itertuples():
        x = round(mdates.date2num(row.midpoint), 3)
        assert (x, round(row.central)) not in marks, f"{row.record_id} is marked at its centre"
        assert (x, round(row.low)) in marks and (x, round(row.high)) in marks, f"{row.record_id} lacks its ends"


def test_a_range_among_competing_figures_floats_from_its_low_to_its_high_end():
    from belarus_book.render.charts import security as security_charts

    developments = datapackage.load().developments
    figures = developments[developments["record_id"].isin(["DV-07", "DV-11", "DV-13"])]
    assert (figures["high"] > figures["low"]).any()
    axes = security_charts.competing_figures_chart(figures, "t").axes[0]
    spans = sorted((round(bar.get_x()), round(bar.get_x() + bar.get_width())) for bar in axes.patches)
    expected = sorted((0 if row.high == row.low else round(row.low), round(row.high)) for row in figures.itertuples())
    assert spans == expected
