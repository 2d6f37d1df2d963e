"""A claim's verdict beside the sentence that discusses it (the ``{claim}`` role): the badge, in
HTML and LaTeX, and the panel it opens on the web: what the commentary says, what the data show,
why, and the findings with their sources' own words.

The status is the evaluated ledger's, read when the book is built: a badge never carries a typed
verdict. It says the status in words, so colour is never the only signal.
"""

from __future__ import annotations

import pandas as pd

from . import escape
from .tables import STATUS_LABELS, claim_anchor, data_text, stated_text

FACT_CHECK = "back/fact_check"
__all__ = ["claim_anchor", "badge_html", "badge_latex", "badge_text", "panel_html"]
BEARINGS = {"confirms": "confirms it", "qualifies": "confirms it only in part", "contradicts": "contradicts it"}


def status_words(status: str) -> str:
    return STATUS_LABELS[status]


def badge_html(claim_id: str, status: str, panel_id: str | None, uri: str) -> str:
    """The badge: a link to the claim's row in the fact-check, which the page's script turns into
    the button of the claim's panel (without ``panel_id``, as in the EPUB, it stays a link)."""
    words = escape.html(status_words(status))
    panel = f' data-panel="{panel_id}"' if panel_id else ""
    return (
        f'<a class="bb-claim bb-claim-{escape.html(status)}" href="{escape.html(uri)}"{panel} '
        f'aria-label="Claim {escape.html(claim_id)}, checked: {words}">{words}</a>'
    )


def badge_latex(status: str) -> str:
    """In the PDF the verdict prints as a short bracketed status."""
    return f"\\mbox{{\\textsf{{\\footnotesize [{escape.latex(status_words(status))}]}}}}"


def badge_text(status: str) -> str:
    return f"[{status_words(status)}]"


def _finding_items(claim_id: str, findings: pd.DataFrame, evidence: pd.DataFrame, sources: dict) -> list[str]:
    """One line per finding: what it says, how it bears on the claim, its source and quoted words."""
    lines = []
    for finding in findings[findings["claim_id"] == claim_id].to_dict("records"):
        source = sources.get(str(finding["source_id"]), {})
        quotes = evidence[(evidence["resource"] == "findings") & (evidence["record_id"] == finding["finding_id"])]
        quoted = "".join(f" <q>{escape.html(q)}</q>" for q in quotes["quote"])
        unconfirmed = (
            " (not confirmed by its source, so it does not count)" if finding["confirmation"] == "unconfirmed" else ""
        )
        bearing = BEARINGS.get(finding["bearing"], escape.html(finding["bearing"]))
        lines.append(
            f"<li>{escape.html(finding['finding'])} It {bearing}"
            f"{unconfirmed}. Source: {escape.html(source.get('publisher') or '')}, "
            f"{escape.html(source.get('title') or finding['source_id'])}.{quoted}</li>"
        )
    return lines


def panel_html(
    claim: dict, findings: pd.DataFrame, evidence: pd.DataFrame, sources: dict, panel_id: str, uri: str
) -> str:
    """The popover that opens from a badge in the HTML."""
    title_id = f"{panel_id}-title"
    claim_id = str(claim["claim_id"])
    items = _finding_items(claim_id, findings, evidence, sources)
    row = pd.Series(claim)
    status = escape.html(status_words(claim["status"]))
    return (
        f'<div class="bb-panel bb-claim-panel" id="{panel_id}" popover role="dialog" '
        f'aria-labelledby="{title_id}" tabindex="-1">'
        f'<p class="bb-panel-title" id="{title_id}">Claim {escape.html(claim_id)}: {status}</p>'
        f"<dl><dt>The commentary says</dt><dd>{escape.html(claim['claim'])} ({escape.html(stated_text(row))})</dd>"
        f"<dt>The data show</dt><dd>{escape.html(data_text(row))}</dd>"
        f"<dt>Why</dt><dd>{escape.html(claim['explanation'])}</dd>"
        + (f"<dt>Working</dt><dd>{escape.html(claim['working'])}</dd>" if isinstance(claim.get("working"), str) else "")
        + "</dl>"
        + (f"<ul>{''.join(items)}</ul>" if items else "")
        + f'<p><a href="{escape.html(uri)}">This claim in the fact-check</a></p></div>'
    )
