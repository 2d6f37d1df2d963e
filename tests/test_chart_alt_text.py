"""A chart's alt text must describe the chart that is drawn: it names the first and the last
date among the rows the chart was drawn from (the figure's downloadable data), so that an alt
text cannot end in 2023 while its chart runs to 2026. Timelines are dated by day or month, and
their alt text names months; other charts by period, and theirs name years."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

MONTHS = "January February March April May June July August September October November December".split()
FIGURE = re.compile(r"^```\{glue:figure\} (\w+)\n(?::[\w-]+:.*\n)*", re.M)
ALT = re.compile(r"^:alt: (.*)$", re.M)


def _figures(root: Path):
    for page in sorted((root / "chapters").glob("*.md")):
        for block in FIGURE.finditer(page.read_text(encoding="utf-8")):
            alt = ALT.search(block.group(0))
            yield page.stem, block.group(1), alt.group(1) if alt else ""


def _span(frame: pd.DataFrame) -> tuple[str, str] | None:
    """The first and last date drawn, as the alt text must name them (None: the chart is undated)."""
    if "date" in frame.columns and frame["date"].notna().any():
        dates = sorted(pd.Period(str(d)[:7], "M") for d in frame["date"].dropna())
        return tuple(f"{MONTHS[p.month - 1]} {p.year}" for p in (dates[0], dates[-1]))
    if "period_start" in frame.columns and frame["period_start"].notna().any():
        starts = [int(str(p)[:4]) for p in frame["period_start"].dropna()]
        ends = [int(str(p)[:4]) for p in frame["period_end"].dropna()]
        return str(min(starts)), str(max(ends))
    return None


def test_every_dated_chart_alt_text_names_the_first_and_last_date_drawn(built_project):
    wrong = []
    for page, name, alt in _figures(built_project):
        data = built_project / "chapters" / "_figure_data" / f"{name}.csv"
        assert data.is_file(), f"{page}: {name} has no data file"
        span = _span(pd.read_csv(data))
        if span is None:
            continue
        first, last = span
        # A span within one year may be named once ('from January to March 2022').
        first_named = first in alt or (first[:-5] in alt and first[-4:] == last[-4:])
        if not (first_named and last in alt):
            wrong.append(f"{page}: {name}: drawn from {first} to {last}; alt text: {alt[:160]}")
    assert not wrong, "\n".join(wrong)
