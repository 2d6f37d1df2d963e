"""Tables shown in the book, built from the data with the book's number formats."""

from __future__ import annotations

import pandas as pd

from .formatting import in_unit

STATUS_LABELS = {"reproduced": "reproduced", "discrepancy": "discrepancy", "claim-only": "claim only"}


def ledger_table(ledger: pd.DataFrame):
    """The claims ledger as readers see it: claim, stated value, value from data, status, arithmetic."""
    rows = []
    for claim_id, row in ledger.iterrows():
        rows.append(
            {
                "Claim": f"{row['claim']} ({claim_id})",
                "Stated": in_unit(row["stated_value"], row["unit"], row["qualifier"]),
                "From the data": "—" if pd.isna(row["recomputed"]) else in_unit(row["recomputed"], row["unit"]),
                "Status": STATUS_LABELS[row["status"]],
                "Why": row["explanation"] + ("" if pd.isna(row["working"]) else f" Arithmetic: {row['working']}."),
            }
        )
    table = pd.DataFrame(rows)
    return table.style.hide(axis="index").set_table_attributes('class="claims-ledger"')


BASIS_LABELS = {"reported": "reported", "commentary_claim": "commentary's claim"}


def _publisher(sources: pd.DataFrame, source_id: str) -> str:
    return sources.set_index("source_id").loc[source_id, "publisher"]


def diplomatic_table(channel: pd.DataFrame, sources: pd.DataFrame):
    """The state of the diplomatic channel, each row with its date, basis and source."""
    from .formatting import count, date

    table = pd.DataFrame(
        {
            "Side": channel["side"],
            "Aspect": channel["aspect"],
            "Status": channel["status"],
            "People": ["" if pd.isna(n) else count(int(n)) for n in channel["people"]],
            "Date": [date(d) if len(d) > 4 else d for d in channel["date"]],
            "Basis": channel["basis"].map(BASIS_LABELS),
            "Source": [_publisher(sources, s) for s in channel["source_id"]],
            "Note": channel["note"].fillna(""),
        }
    )
    return table.style.hide(axis="index")


def actors_table(actors: pd.DataFrame):
    """The actors the commentary names, with Kyiv's stance and channel to each."""
    table = actors.rename(
        columns={
            "name": "Actor",
            "kind": "Kind",
            "based_in": "Based in",
            "kyiv_stance": "Kyiv's stance",
            "channel_with_kyiv": "Channel with Kyiv",
            "role_in_commentary": "What the commentary says",
        }
    )[["Actor", "Kind", "Based in", "Kyiv's stance", "Channel with Kyiv", "What the commentary says"]]
    return table.style.hide(axis="index")


def recommendations_markdown(recommendations: pd.DataFrame, chapter_titles: dict[str, str]) -> str:
    """The recommendations as a MyST table whose last column links to the chapters with the evidence."""
    lines = ["| | Actor | Instrument | Aim | Evidence in |", "|---|---|---|---|---|"]
    for position, row in enumerate(recommendations.itertuples(), start=1):
        links = ", ".join(
            f"{{ref}}`{chapter_titles[c]} <chapter-{c.replace('_', '-')}>`" for c in row.evidence_chapters.split(";")
        )
        lines.append(f"| {position} | {row.actor} | {row.instrument} | {row.aim} | {links} |")
    return "\n".join(lines)


def packages_table(packages: pd.DataFrame, sources: pd.DataFrame):
    """The EU packages, dated, with the running totals where the sources give them."""
    from .formatting import QUALIFIERS, count, date

    def total(value, qualifier):
        return "" if pd.isna(value) else QUALIFIERS[qualifier] + count(int(value))

    table = pd.DataFrame(
        {
            "Date": [date(d) for d in packages["date"]],
            "Kind": packages["kind"],
            "Package": packages["label"],
            "What it does": packages["measures"],
            "People listed (total)": [
                total(v, q) for v, q in zip(packages["total_individuals"], packages["totals_qualifier"], strict=True)
            ],
            "Entities listed (total)": [
                total(v, q) for v, q in zip(packages["total_entities"], packages["totals_qualifier"], strict=True)
            ],
            "Source": [_publisher(sources, s) for s in packages["source_id"]],
        }
    )
    return table.style.hide(axis="index")


def measures_table(measures: pd.DataFrame, sources: pd.DataFrame):
    """The individual financial measures, one target per row."""
    from .formatting import date

    table = pd.DataFrame(
        {
            "Adopted": [date(d.strftime("%Y-%m-%d")) for d in measures["adopted"]],
            "Target": measures["target"],
            "Measure": measures["measure"],
            "Note": measures["note"].fillna(""),
            "Source": [_publisher(sources, s) for s in measures["source_id"]],
        }
    )
    return table.style.hide(axis="index")
