"""Tables shown in the book, built from the data with the book's number formats.

Every table is a ``Table``: it renders as escaped HTML on the web and as a ``longtable``
with wrapped columns in the PDF, so it fits the page.
"""

from __future__ import annotations

import html
import re

import pandas as pd

from . import escape
from .formatting import QUALIFIERS, count, date, in_unit


class Table:
    """A data frame with an HTML and a LaTeX rendering; ``widths`` are relative column widths. The
    caption names the table for screen readers (an HTML <caption>) and in the PDF (a numbered title)."""

    def __init__(
        self,
        frame: pd.DataFrame,
        widths: list[float] | None = None,
        html_columns: tuple[str, ...] = (),
        styles: dict[str, object] | None = None,
        *,
        caption: str,
    ):
        if not caption.strip():
            raise ValueError("every table needs a caption")
        self.caption = caption
        self.frame = frame.reset_index(drop=True)
        self.widths = widths or [1.0] * len(frame.columns)
        self.html_columns = html_columns  # columns that already hold safe, escaped HTML
        self.styles = styles or {}

    def _repr_html_(self) -> str:
        frame = self.frame.copy()
        for column in frame.columns:
            if column not in self.html_columns:
                frame[column] = [escape.html(v) for v in frame[column]]
        styler = (
            frame.style.hide(axis="index")
            .set_table_attributes(self.styles.get("attributes", ""))
            .set_caption(escape.html(self.caption))
        )
        for column, function in self.styles.get("cells", {}).items():
            styler = styler.map(function, subset=[column])
        return styler.to_html()

    def _repr_markdown_(self) -> str:
        """A MyST list-table, which the PDF builder lays out as a longtable with these widths.
        (Jupyter Book picks text/html on the web and this for LaTeX; text/latex would be set as math.)"""
        frame = self.frame.copy()
        for column in self.html_columns:
            frame[column] = [_link_to_markdown(str(v)) for v in frame[column]]
        widths = " ".join(str(max(1, round(w))) for w in fitted_widths(frame, self.widths))
        # longtable: a table taller than what is left of the page continues on the next page (the
        # tabular Sphinx picks for short tables cannot break, and runs through the footer).
        title = escape.markdown(self.caption)
        lines = [f"```{{list-table}} {title}", ":header-rows: 1", f":widths: {widths}", ":class: longtable", ""]
        for row in [list(frame.columns), *frame.itertuples(index=False)]:
            cells = [
                cell if column in self.html_columns else escape.markdown(str(cell))
                for column, cell in zip(frame.columns, row, strict=True)
            ]
            lines.append(f"* - {cells[0] or ' '}")
            lines.extend(f"  - {cell or ' '}" for cell in cells[1:])
        lines.append("```")
        return "\n".join(lines)


# The PDF sets tables in \\footnotesize FreeSerif across a text block of this width (A4, one-inch
# margins), with this much padding per column; words break only at spaces and after - _ and /.
TEXT_WIDTH_PT = 451.0
CELL_PADDING_PT = 14.0
_BREAKS = re.compile(r"(?<=[-_/])|\s+")


def _width_pt(token: str) -> float:
    """A generous estimate of a token's width at 8 pt: capitals and wide letters take more room."""
    return sum(6.0 if c.isupper() or c in "mwщшжюМШЩЖЮ" else 4.3 for c in token)


def fitted_widths(frame: pd.DataFrame, widths: list[float]) -> list[float]:
    """Column widths, in points, for the PDF: the requested proportions, except that no column is
    narrower than its longest unbreakable word (header included), so that no word runs into the next
    column or past the margin. The room a narrow column needs is taken from the others' slack."""
    need = []
    for column in frame.columns:
        cells = [str(column), *(str(v) for v in frame[column])]
        longest = max((_width_pt(t) for cell in cells for t in _BREAKS.split(_link_text(cell)) if t), default=0.0)
        need.append(longest + CELL_PADDING_PT)
    shares = [TEXT_WIDTH_PT * w / sum(widths) for w in widths]
    for _ in range(len(shares)):
        short = sum(max(0.0, n - s) for n, s in zip(need, shares, strict=True))
        if short < 0.5:
            break
        slack = [max(0.0, s - n) for n, s in zip(need, shares, strict=True)]
        if sum(slack) <= 0:
            break
        take = min(1.0, short / sum(slack))
        shares = [max(n, s - take * sl) if s > n else n for n, s, sl in zip(need, shares, slack, strict=True)]
    return shares


def _link_text(cell: str) -> str:
    """The text a reader sees in a cell that may hold a link."""
    return html.unescape(re.sub(r"<[^>]+>", "", cell))


def _link_to_markdown(text: str) -> str:
    """Escaped HTML with links, as Markdown: each link to a page or site as a Markdown link, and each
    link within the page (``#...``, the web edition's jump to a cited row) as its plain label, since
    the PDF prints the cited rows beside the table instead."""
    text = re.sub(r"<(?!/?a[ >])[^>]*>", "", text)  # an anchor's <span id> has no place in Markdown
    parts = []
    for piece in re.split(r'(<a href="[^"]+">.*?</a>)', text):
        match = re.fullmatch(r'<a href="([^"]+)">(.*?)</a>', piece)
        if not match:
            parts.append(escape.markdown(html.unescape(piece)))
            continue
        url, label = (html.unescape(group) for group in match.groups())
        parts.append(escape.markdown(label) if url.startswith("#") else f"[{escape.markdown(label)}](<{url}>)")
    return "".join(parts)


STATUS_LABELS = {
    "reproduced": "reproduced",
    "partly": "partly",
    "discrepancy": "discrepancy",
    "claim-only": "claim only",
}


def unconfirmed_table(unconfirmed: pd.DataFrame, titles: pd.Series):
    """The data rows no stored copy of their source confirms: file, record and the source that was cited."""
    rows = [
        {"File": row.file, "Record": row.record, "Cited source": titles[row.source_id]}
        for row in unconfirmed.itertuples(index=False)
    ]
    return Table(
        pd.DataFrame(rows),
        widths=[2, 1.2, 6],
        styles={"attributes": 'class="unconfirmed-rows"'},
        caption="Data rows that no stored copy of their source confirms",
    )


KIND_LABELS = {"event": "an event", "attribution": "an attribution", "comparison": "a comparison"}


def stated_text(row) -> str:
    """What a claim states, as the ledger shows it."""
    if pd.notna(row["stated_value"]):
        return in_unit(row["stated_value"], row["unit"], row["qualifier"])
    if row["kind"] == "date":
        return date(row["stated_date"])
    return KIND_LABELS[row["kind"]]


def data_text(row) -> str:
    """What the data give for a claim: the recomputed value, or the findings in words."""
    if pd.notna(row["recomputed"]):
        return in_unit(row["recomputed"], row["unit"])
    return row["found"] if isinstance(row["found"], str) else "—"


def claim_anchor(claim_id: str) -> str:
    """The id of a claim's row in the fact-check appendix, which its badges link to."""
    return "claim-" + str(claim_id).lower()


def ledger_table(ledger: pd.DataFrame, caption: str = "The section's claims: what each states, what the data give"):
    """The claims ledger as readers see it: claim, what it states, what the data give, status, and the
    arithmetic (numeric claims) or the sources' findings (the others). Data text is escaped: the table is
    rendered as HTML."""
    rows = []
    for claim_id, row in ledger.iterrows():
        numeric = pd.notna(row["stated_value"])
        label = "Arithmetic" if numeric else "Sources"
        rows.append(
            {
                # The target of the claim's badges in the prose.
                "Claim": f'<span id="{claim_anchor(claim_id)}">'
                f"{escape.html(row['claim'])} ({escape.html(claim_id)})</span>",
                "Stated": stated_text(row),
                "From the data": data_text(row),
                "Status": STATUS_LABELS[row["status"]],
                "Why": row["explanation"] + ("" if pd.isna(row["working"]) else f" {label}: {row['working']}."),
            }
        )
    return Table(
        pd.DataFrame(rows),
        widths=[3, 1.5, 1.5, 1.9, 5],
        html_columns=("Claim",),
        styles={"attributes": 'class="claims-ledger"'},
        caption=caption,
    )


BASIS_LABELS = {"reported": "reported", "commentary_claim": "commentary's claim"}


def _publisher(sources: pd.DataFrame, source_id: str) -> str:
    return sources.set_index("source_id").loc[source_id, "publisher"]


def diplomatic_table(channel: pd.DataFrame, sources: pd.DataFrame):
    """The state of the diplomatic channel, each row with its date, basis and source."""
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
    return Table(
        table,
        widths=[1, 2, 1, 0.8, 1.2, 1.2, 1.5, 3],
        caption="The diplomatic channel between Kyiv and Minsk, row by row",
    )


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
    return Table(
        table,
        widths=[2, 1.5, 1, 1.5, 2, 3.5],
        caption="The actors the section names and Kyiv's stance towards each, as the commentary saw them in 2024",
    )


def recommendations_markdown(recommendations: pd.DataFrame, chapter_titles: dict[str, str]) -> str:
    """The recommendations as a MyST list-table whose last column links to the chapters with the evidence
    (a list-table, so that the PDF sets it with these column widths, as a longtable that may break)."""
    lines = ["```{list-table}", ":header-rows: 1", ":widths: 4 20 20 30 22", ":class: longtable", ""]
    lines += ["* - ", "  - Actor", "  - Instrument", "  - Aim", "  - Evidence in"]
    for position, row in enumerate(recommendations.itertuples(), start=1):
        links = ", ".join(
            f"{{ref}}`{chapter_titles[c]} <chapter-{c.replace('_', '-')}>`" for c in row.evidence_chapters.split(";")
        )
        lines.append(f"* - {position}")
        lines.extend(f"  - {escape.markdown(str(cell))}" for cell in (row.actor, row.instrument, row.aim))
        lines.append(f"  - {links}")
    lines.append("```")
    return "\n".join(lines)


def packages_table(packages: pd.DataFrame, sources: pd.DataFrame):
    """The EU decisions against Belarus, dated, with the running totals where the sources give them; the
    rows that are not packages (a prolongation, a stand-alone measure, a measure inside a Russia package)
    say so."""

    def total(value, qualifier):
        return "" if pd.isna(value) else QUALIFIERS[qualifier] + count(int(value))

    table = pd.DataFrame(
        {
            "Date": [date(d) for d in packages["date"]],
            "Kind": [
                kind if decision == "package" else f"{kind}: {decision}, not counted as a package"
                for kind, decision in zip(packages["kind"], packages["decision"], strict=True)
            ],
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
    return Table(
        table, widths=[1.3, 1, 2, 4, 1.1, 1.1, 1.6], caption="EU decisions imposing restrictive measures on Belarus"
    )


def measures_table(measures: pd.DataFrame, sources: pd.DataFrame):
    """The individual financial measures, one target per row."""
    table = pd.DataFrame(
        {
            "Adopted": [date(d.strftime("%Y-%m-%d")) for d in measures["adopted"]],
            "Target": measures["target"],
            "Measure": measures["measure"],
            "Note": measures["note"].fillna(""),
            "Source": [_publisher(sources, s) for s in measures["source_id"]],
        }
    )
    return Table(table, widths=[1.2, 2.5, 3, 2, 1.5], caption="The measures of the EU's financial package, one per row")


RAG_COLOURS = {"green": "#cfe8cf", "amber": "#fbe3b5", "red": "#f6c6c0"}
SOURCE_USING_TABLES = [
    "trade_flows",
    "trade_shares",
    "troop_estimates",
    "equipment_transfers",
    "diplomatic_channel",
    "actors",
    "recommendations",
    "places",
    "armed_forces",
    "eu_sanctions",
    "sanction_measures",
    "economic_outlook",
    "belarus_russia_trade",
    "events",
    "findings",
]


def facts_per_source(data) -> pd.Series:
    """For each source id, which data rows rest on it: 'trade_flows (3); events (1)'."""
    uses: dict[str, list[str]] = {}
    for name in SOURCE_USING_TABLES:
        counts = getattr(data, name)["source_id"].value_counts()
        for source_id, n in counts.items():
            uses.setdefault(source_id, []).append(f"{name} ({n})")
    claims = data.claims["commentary"].value_counts()
    for source_id, n in claims.items():
        uses.setdefault(source_id, []).append(f"claims ({n})")
    return pd.Series({k: "; ".join(v) for k, v in uses.items()})


def sources_table(data):
    """Every source with its date, kind, red/amber/green rating and reason, and the rows that rest on it.
    Five columns, so that the PDF can give each its longest word."""
    sources = data.sources
    used = facts_per_source(data)
    table = pd.DataFrame(
        {
            "Source": [
                f"{s} ({published})" for s, published in zip(sources["source_id"], sources["published"], strict=True)
            ],
            "Publisher and title": [
                f'{escape.html(publisher)}: <a href="{escape.html(url)}">{escape.html(title)}</a>'
                if isinstance(url, str)
                else f"{escape.html(publisher)}: {escape.html(title)}"
                for publisher, title, url in zip(sources["publisher"], sources["title"], sources["url"], strict=True)
            ],
            "Kind and rating": [
                f"{kind}; {rating}" for kind, rating in zip(sources["kind"], sources["reliability"], strict=True)
            ],
            "Why this rating": sources["reliability_note"],
            "Rows resting on it": [used.get(s, "") for s in sources["source_id"]],
        }
    )
    return Table(
        table,
        widths=[2.2, 4, 1.6, 3, 2.4],
        html_columns=("Publisher and title",),
        styles={"cells": {"Kind and rating": lambda cell: f"background-color: {RAG_COLOURS[cell.split('; ')[-1]]}"}},
        caption="Every source, its rating and the data rows that rest on it",
    )


def schema_table(resource) -> pd.DataFrame:
    """The fields of one data file as readers need them: name, type, unit, description, rules."""
    rows = []
    for field in resource.schema.fields:
        constraints = field.constraints or {}
        rules = []
        if constraints.get("required"):
            rules.append("required")
        if constraints.get("unique"):
            rules.append("unique")
        if "enum" in constraints:
            rules.append("one of: " + ", ".join(map(str, constraints["enum"])))
        for key in ("minimum", "maximum"):
            if key in constraints:
                rules.append(f"{key} {constraints[key]}")
        rows.append(
            {
                "Field": field.name,
                "Type": field.type,
                "Unit": (field.to_descriptor().get("unit") or ""),
                "Description": field.description or "",
                "Rules": "; ".join(rules),
            }
        )
    return pd.DataFrame(rows)
