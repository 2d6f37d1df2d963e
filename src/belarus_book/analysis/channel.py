"""Belarus as a channel between Ukraine and Russia after mid-2024: the exchanges held on its soil, the
political prisoners it holds over time by Viasna's count, and its releases against new recognitions."""

from __future__ import annotations

import pandas as pd

STILL_HELD = "Political prisoners still held"
COUNTED_BY = "Viasna"


def prisoner_counts(developments: pd.DataFrame) -> pd.DataFrame:
    """Viasna's counts of political prisoners still held, oldest first. Records of the same month keep
    the order in which they were recorded, which is the order of their dates within the month."""
    rows = developments[(developments["measure"] == STILL_HELD) & (developments["stated_by"] == COUNTED_BY)]
    return rows.assign(month=pd.PeriodIndex(rows["period_end"], freq="M")).sort_values("month", kind="stable")


def latest_count(developments: pd.DataFrame) -> pd.Series:
    """Viasna's latest count of political prisoners still held, by date."""
    return prisoner_counts(developments).iloc[-1]


def peak_count(developments: pd.DataFrame) -> pd.Series:
    """Viasna's highest count of political prisoners in the series."""
    counts = prisoner_counts(developments)
    return counts.loc[counts["low"].idxmax()]


def exchanges(developments: pd.DataFrame) -> pd.DataFrame:
    """Prisoner exchanges between Russia and Ukraine held on or through Belarusian territory."""
    measure = developments["measure"]
    return developments[measure.str.startswith("Prisoners exchanged by each side")]


def share(part: float, whole: float) -> float:
    """Part of a whole, in percent."""
    return 100 * part / whole
