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
