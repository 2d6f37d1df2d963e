"""Statements checked by their findings: what independent sources say about a date, an event, an
attribution or a comparison in the commentaries (``data/findings.csv``), each finding confirming
the statement, confirming it only in part ('qualifies') or contradicting it. A claim of kind
'date' is also compared, by code, with the dates its findings give.
"""

from __future__ import annotations

import pandas as pd

from .phrases import Phrase, count, date, say

BEARINGS = {"confirms": "confirms", "qualifies": "confirms in part", "contradicts": "contradicts"}


def _dates_agree(stated: str, found: str) -> bool:
    """A source's date agrees with the commentary's when they name the same day, or the less
    precise one contains the other ('February 2023' and '26 February 2023')."""
    return found.startswith(stated) or stated.startswith(found)


def from_findings(claim, findings: pd.DataFrame, sources: pd.DataFrame) -> tuple[str, Phrase | None, Phrase | None]:
    """The status a claim's confirmed findings give it, the evidence in words, and what the data give
    in short (the dates found, for a date claim; otherwise how many sources were found).

    No finding: claim-only. A date claim no finding dates as the commentary does: discrepancy.
    Otherwise any contradicting finding makes a discrepancy, findings that all confirm reproduce
    the claim, and a mix of confirming and qualifying findings reproduces it in part."""
    own = findings[findings["claim_id"] == claim.claim_id]
    if own.empty:
        return "claim-only", None, None
    publishers = sources.set_index("source_id")["publisher"]
    lines = []
    for row in own.itertuples(index=False):
        when = say(", {}", date(row.date)) if row.date else ""
        lines.append(
            say("{}{}: {} ({})", publishers[row.source_id], when, row.finding.rstrip("."), BEARINGS[row.bearing])
        )
    working = Phrase.join("; ", lines)
    shown = say("{} {}", count(len(own)), "source" if len(own) == 1 else "sources")
    if claim.kind == "date":
        dated = own[own["date"].notna() & (own["bearing"] != "contradicts")]
        dates = list(dict.fromkeys(date(d) for d in sorted(dated["date"])))
        shown = Phrase.join("; ", dates) if dates else say("no date")
        if not any(_dates_agree(claim.stated_date, found) for found in dated["date"]):
            return "discrepancy", say("stated {}, sources give {}; {}", date(claim.stated_date), shown, working), shown
    bearings = set(own["bearing"])
    if "contradicts" in bearings:
        return "discrepancy", working, shown
    return ("reproduced" if bearings == {"confirms"} else "partly"), working, shown
