"""Metrics on Belarus's trade and economy: Ukraine-Belarus trade in goods (``trade_flows``), the
shares of Belarus's trade held by each partner (``trade_shares``), and forecasts of its growth
(``economic_outlook``)."""

from __future__ import annotations

import pandas as pd

from ..data import provenance

USD_MILLIONS_PER_UNIT = {"USD million": 1.0, "USD billion": 1000.0}
REPORTER_LABELS = {"Belarus": "Belarus-reported", "Ukraine": "Ukraine-reported", "unstated": "reporter not stated"}
DIRECTION_LABELS = {
    "belarus_to_ukraine": "Belarus to Ukraine",
    "ukraine_to_belarus": "Ukraine to Belarus",
    "turnover": "Turnover (both directions)",
}


def year_period(year: int) -> tuple[pd.Period, pd.Period]:
    return pd.Period(f"{year}-01", "M"), pd.Period(f"{year}-12", "M")


def month_period(text: str) -> tuple[pd.Period, pd.Period]:
    return pd.Period(text, "M"), pd.Period(text, "M")


def prepare(trade_flows: pd.DataFrame) -> pd.DataFrame:
    """Add the columns every metric needs: value in USD million, length in months, full-year flag."""
    flows = trade_flows.copy()
    flows["value_usd_m"] = flows["value"] * flows["unit"].map(USD_MILLIONS_PER_UNIT)
    flows["months"] = [
        (end - start).n + 1 for start, end in zip(flows["period_start"], flows["period_end"], strict=True)
    ]
    flows["full_year"] = [
        start.month == 1 and end.month == 12 and start.year == end.year
        for start, end in zip(flows["period_start"], flows["period_end"], strict=True)
    ]
    flows["year"] = [start.year for start in flows["period_start"]]
    return flows


def _select(flows: pd.DataFrame, *, basis: str, direction: str, period, reporter=None, product="all_goods"):
    start, end = period
    mask = (
        (flows["basis"] == basis)
        & (flows["direction"] == direction)
        & (flows["product"] == product)
        & (flows["period_start"] == start)
        & (flows["period_end"] == end)
    )
    if reporter is not None:
        mask &= flows["reporter"] == reporter
    if basis == "reported":
        mask &= flows["headline"]
    rows = flows[mask]
    if len(rows) != 1:
        raise LookupError(
            f"expected exactly one {basis} row for {reporter or 'any reporter'}, {direction}, {product}, "
            f"{start}–{end}; found {len(rows)}"
        )
    return rows.iloc[0]


def reported(flows, direction, period, reporter, product="all_goods") -> pd.Series:
    """The headline reported row for one series (a row of ``prepare``'s output)."""
    return _select(flows, basis="reported", direction=direction, period=period, reporter=reporter, product=product)


def claimed(flows, direction, period, product="all_goods") -> pd.Series:
    """The commentary's own figure for one series, as recorded in ``trade_flows``."""
    return _select(flows, basis="commentary_claim", direction=direction, period=period, product=product)


def fall_percent(before: float, after: float) -> float:
    """Size of a fall from ``before`` to ``after``, in percent of ``before``."""
    return (1 - after / before) * 100


def mirror_2021(flows: pd.DataFrame) -> pd.DataFrame:
    """2021 trade as each side reported it. Belarus's imports from Ukraine were not found,
    so they are derived as Belarus's turnover less Belarus's exports (flagged ``derived``, with the
    two records it is computed from)."""
    y2021 = year_period(2021)
    rows = []
    for reporter in ("Belarus", "Ukraine"):
        for direction in ("belarus_to_ukraine", "ukraine_to_belarus", "turnover"):
            try:
                row = reported(flows, direction, y2021, reporter)
                rows.append((row["record_id"], reporter, direction, row["value_usd_m"], False, row["source_id"]))
            except LookupError:
                turnover = reported(flows, "turnover", y2021, reporter)
                exports = reported(flows, "belarus_to_ukraine", y2021, reporter)
                rows.append(
                    (
                        f"{turnover['record_id']} {exports['record_id']}",
                        reporter,
                        direction,
                        turnover["value_usd_m"] - exports["value_usd_m"],
                        True,
                        f"{turnover['source_id']}; {exports['source_id']}",
                    )
                )
    columns = ["record_ids", "reporter", "direction", "value_usd_m", "derived", "source_id"]
    table = pd.DataFrame(rows, columns=columns)
    table["reporter_label"] = table["reporter"].map(REPORTER_LABELS)
    table["direction_label"] = table["direction"].map(DIRECTION_LABELS)
    return table


UNCONFIRMED = ", unconfirmed"


def series_label(basis: str, reporter: str, confirmation: str) -> str:
    """The series a figure is charted in: the commentary's claims apart, each reporting side apart,
    and a row no stored copy of its source confirms labelled so."""
    if basis == "commentary_claim":
        return "commentary's claim"
    label = REPORTER_LABELS[reporter]
    return label + UNCONFIRMED if confirmation == "unconfirmed" else label


def monthly_average_turnover(flows: pd.DataFrame) -> pd.DataFrame:
    """Average turnover per month for every turnover figure from 2021 on, reported or claimed,
    so that a year, a month and a span of months can be compared on one axis."""
    turnover = flows[(flows["direction"] == "turnover") & (flows["product"] == "all_goods") & (flows["year"] >= 2021)]
    turnover = turnover[(turnover["basis"] == "commentary_claim") | turnover["headline"]].copy()
    turnover["usd_m_per_month"] = turnover["value_usd_m"] / turnover["months"]
    turnover["midpoint"] = [
        start.start_time + (end.end_time - start.start_time) / 2
        for start, end in zip(turnover["period_start"], turnover["period_end"], strict=True)
    ]
    turnover["series"] = [
        series_label(*labels)
        for labels in zip(turnover["basis"], turnover["reporter"], turnover["confirmation"], strict=True)
    ]
    return turnover.sort_values("period_start").reset_index(drop=True)


def annual_turnover_history(flows: pd.DataFrame) -> pd.DataFrame:
    """Full-year turnover as reported by either side (headline rows only)."""
    history = flows[
        (flows["direction"] == "turnover")
        & (flows["product"] == "all_goods")
        & (flows["basis"] == "reported")
        & flows["headline"]
        & flows["full_year"]
    ].copy()
    history["series"] = [
        series_label(*labels)
        for labels in zip(history["basis"], history["reporter"], history["confirmation"], strict=True)
    ]
    return history.sort_values("year").reset_index(drop=True)


def last_year_above(history: pd.DataFrame, reporter: str, year: int) -> int:
    """The latest year before ``year`` whose turnover (same reporter) was higher than in ``year``."""
    rows = history[history["reporter"] == reporter]
    own = rows.set_index("year")["value_usd_m"]
    higher = own[(own.index < year) & (own > own.loc[year])]
    if higher.empty:
        raise LookupError(f"no {reporter}-reported year before {year} had a higher turnover")
    return rows[rows["year"] == higher.index.max()]["year"].iloc[0]  # the year as read from its row


def years_without_figure(history: pd.DataFrame, reporter: str, first: int, last: int) -> list[int]:
    """The years strictly between ``first`` and ``last`` for which no full-year figure of that side was found."""
    rows = history[history["reporter"] == reporter]
    own = set(rows["year"])
    return [provenance.absent(y, rows, "year") for y in range(first + 1, last) if y not in own]


def peak_year(history: pd.DataFrame, reporter: str) -> pd.Series:
    """The full-year row with the highest turnover reported by one side."""
    own = history[history["reporter"] == reporter]
    return own.loc[own["value_usd_m"].idxmax()]


def commentary_2021(flows: pd.DataFrame) -> pd.DataFrame:
    """The commentary's own 2021 figures, with turnover as the sum of its two flows."""
    y2021 = year_period(2021)
    rows = {d: claimed(flows, d, y2021) for d in ("belarus_to_ukraine", "ukraine_to_belarus")}
    values = {d: row["value_usd_m"] for d, row in rows.items()}
    values["turnover"] = sum(values.values())
    ids = {d: row["record_id"] for d, row in rows.items()}
    ids["turnover"] = " ".join(ids.values())
    sources = {d: row["source_id"] for d, row in rows.items()}
    sources["turnover"] = "; ".join(dict.fromkeys(sources.values()))
    table = pd.DataFrame(
        {
            "record_ids": list(ids.values()),
            "direction": list(values),
            "value_usd_m": list(values.values()),
            "source_id": list(sources.values()),
        }
    )
    table["direction_label"] = table["direction"].map(DIRECTION_LABELS)
    table["reporter_label"] = "commentary's figure"
    return table


# Past this many sources a chart's sources line names publisher and date only, so that the caption
# stays on the page with its figure; the full titles are in the sources appendix and bibliography.
FULL_SOURCE_LINE_MAX = 12


def source_line(sources: pd.DataFrame, source_ids) -> str:
    """'Publisher, Title (date); ...' for the sources behind a chart, in first-use order; for a chart
    with many sources, 'Publisher (date); ...'."""
    by_id = sources.set_index("source_id")
    ids = []
    for cell in source_ids:
        for source_id in str(cell).split("; "):
            if source_id not in ids:
                ids.append(source_id)

    def full(i):
        return f"{by_id.loc[i, 'publisher']}, \u201c{by_id.loc[i, 'title']}\u201d ({by_id.loc[i, 'published']})"

    if len(ids) <= FULL_SOURCE_LINE_MAX:
        return "; ".join(full(i) for i in ids)
    short = [f"{by_id.loc[i, 'publisher']} ({by_id.loc[i, 'published']})" for i in ids]
    # Two reports of one publisher on one day would read as one source listed twice: name them.
    return "; ".join(full(i) if short.count(label) > 1 else label for i, label in zip(ids, short, strict=True))


# --- shares of Belarus's trade by partner (``trade_shares``) ------------------------------------

# What kind of count a share is, as the prose and the chart's legend name it.
SHARE_KIND_LABELS = {
    "statistic": "statistics office's table",
    "official": "government's count",
    "leader's claim": "leader's claim",
    "analysis": "analyst's estimate",
    "intelligence": "intelligence service's claim",
}
# Kinds of count that are one side's claim rather than a table or an outside estimate.
PARTY_CLAIM_KINDS = ("leader's claim", "intelligence")


def partner_share_series(shares: pd.DataFrame, partners, trader: str = "Belarus") -> pd.DataFrame:
    """Every share of ``trader``'s trade held by one of ``partners``, each row one count as its source
    gives it, in order of the period it covers (latest last), with the period's length in months,
    its midpoint and its first and last day (for a chart) and the kind of count in words."""
    partners = [partners] if isinstance(partners, str) else list(partners)
    rows = shares[(shares["trader"] == trader) & shares["partner"].isin(partners)].copy()
    rows["months"] = [(end - start).n + 1 for start, end in zip(rows["period_start"], rows["period_end"], strict=True)]
    rows["first_day"] = [start.start_time for start in rows["period_start"]]
    rows["last_day"] = [end.end_time.normalize() for end in rows["period_end"]]
    rows["midpoint"] = [a + (b - a) / 2 for a, b in zip(rows["first_day"], rows["last_day"], strict=True)]
    rows["kind_label"] = rows["kind"].map(SHARE_KIND_LABELS)
    rows["party_claim"] = rows["kind"].isin(PARTY_CLAIM_KINDS)
    return rows.sort_values(["period_end", "period_start", "record_id"]).reset_index(drop=True)


def russia_share_series(shares: pd.DataFrame) -> pd.DataFrame:
    """Russia's share of Belarus's trade (turnover, exports or imports), one row per count, oldest first."""
    return partner_share_series(shares, "Russia")


def shares_before(series: pd.DataFrame, month: str) -> pd.DataFrame:
    """The counts whose period ends before ``month`` ('2022-02')."""
    return series[series["period_end"] < pd.Period(month, "M")]


def shares_from(series: pd.DataFrame, month: str) -> pd.DataFrame:
    """The counts whose period starts in ``month`` ('2022-01') or later."""
    return series[series["period_start"] >= pd.Period(month, "M")]


def of_flow(series: pd.DataFrame, flow: str) -> pd.DataFrame:
    return series[series["flow"] == flow]


def latest_share(series: pd.DataFrame) -> pd.Series:
    """The count whose period ends last (ties: the one starting last): the latest by date, whatever its id."""
    if series.empty:
        raise LookupError("no share of trade among these rows")
    return series.sort_values(["period_end", "period_start"]).iloc[-1]


# The war splits the counts: the last month before it, and the first month of the year it began.
PRE_WAR_UNTIL, WARTIME_FROM = "2022-02", "2022-01"


def russia_share_before_war_and_latest(shares: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Russia's share of all Belarus's trade: the last count before the war and the latest since."""
    series = russia_share_series(shares)
    before = of_flow(shares_before(series, PRE_WAR_UNTIL), "turnover")
    since = of_flow(shares_from(series, WARTIME_FROM), "turnover")
    return latest_share(before), latest_share(since)


def counted_by(series: pd.DataFrame, who: str) -> pd.DataFrame:
    """The counts one named source gave (``stated_by``), e.g. a leader's repeated claim."""
    return series[series["stated_by"] == who]


def lowest_share(series: pd.DataFrame) -> pd.Series:
    return series.loc[series["value"].idxmin()]


def highest_share(series: pd.DataFrame) -> pd.Series:
    return series.loc[series["value"].idxmax()]


def kinds_of_count(series: pd.DataFrame) -> list[str]:
    """The kinds of count among the rows, in the order of ``SHARE_KIND_LABELS``."""
    present = set(series["kind"])
    return [kind for kind in SHARE_KIND_LABELS if kind in present]


# --- forecasts and outcomes of growth (``economic_outlook``) -------------------------------------


def latest_forecast(outlook: pd.DataFrame, made_by: str, year: int) -> pd.Series:
    """The latest forecast one forecaster published for one year's growth."""
    rows = outlook[(outlook["made_by"] == made_by) & (outlook["year"] == year) & (outlook["kind"] == "forecast")]
    if rows.empty:
        raise LookupError(f"no forecast by {made_by} for {year} in economic_outlook")
    return rows.sort_values("published").iloc[-1]
