"""EU sanctions on Belarus: the decisions taken after a date, and which of them were new packages.

One computation for every page that counts them: a prolongation, a stand-alone measure or a
measure taken inside a Russia package is a decision, not a new package.
"""

from __future__ import annotations

import pandas as pd


def published_month_end(sources: pd.DataFrame, source_id: str) -> str:
    """The last day of the month a source was published (a commentary dated only by its month
    covers that whole month), as an ISO date."""
    published = str(sources.set_index("source_id").loc[source_id, "published"])
    return str(pd.Period(published[:7], "M").end_time.date())


def decisions_after(eu_sanctions: pd.DataFrame, after: str) -> pd.DataFrame:
    """Every EU decision dated after ``after`` (ISO), in date order."""
    return eu_sanctions[eu_sanctions["date"] > after].sort_values("date")


def packages_after(eu_sanctions: pd.DataFrame, after: str) -> pd.DataFrame:
    """The new sanctions packages among the decisions after ``after``."""
    decisions = decisions_after(eu_sanctions, after)
    return decisions[decisions["decision"] == "package"]


def other_decisions_after(eu_sanctions: pd.DataFrame, after: str) -> pd.DataFrame:
    """The decisions after ``after`` that were not new packages (prolongations, other measures)."""
    decisions = decisions_after(eu_sanctions, after)
    return decisions[decisions["decision"] != "package"]
