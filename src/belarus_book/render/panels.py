"""Where a number comes from, written out for the reader: each number's records joined to their
sources, ratings, quoted passages and ledger claim (``Catalogue.resolve``), then rendered as the
HTML popover panel, the appendix entry (HTML and LaTeX) and the row of ``numbers.csv``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..data.provenance import plain
from . import escape
from .numbers import anchor, resource_file

# --- resolving a number's records against the data package ----------------------------


class Catalogue:
    """The data package's rows, sources, evidence quotes and ledger, to say where a number comes from."""

    def __init__(self, data, ledger) -> None:
        self.rows: dict[tuple[str, str], dict] = {}
        for name, table in vars(data).items():
            key = getattr(table, "bb_id", None)
            if key is None:
                continue
            for record in table.to_dict("records"):
                self.rows[(name, str(plain(record[key])))] = record
        self.sources = {str(s["source_id"]): s for s in data.sources.to_dict("records")}
        self.evidence: dict[tuple[str, str], list[dict]] = {}
        for quote in data.evidence.to_dict("records"):
            self.evidence.setdefault((quote["resource"], quote["record_id"]), []).append(quote)
        self.status = {str(row["claim_id"]): str(row["status"]) for row in ledger.to_dict("records")}
        self.claim_of_record = {
            str(row["data_record"]): str(row["claim_id"])
            for row in ledger.to_dict("records")
            if isinstance(row["data_record"], str) and row["data_record"]
        }

    def source_ids(self, resource: str, record_id: str) -> list[str]:
        row = self.rows.get((resource, record_id), {})
        found = row.get("source_id") or row.get("commentary")
        return [str(found)] if found else []

    def resolve(self, page: str, name: str, payload: dict) -> dict:
        """Everything the book shows about one number: its records with their sources and quotes, its claim."""
        records, claims = [], []
        for record in payload["records"]:
            resource, record_id, field = record["resource"], record["record_id"], record["field"]
            counted = record["value"] == ""  # a row counted, not a value read from it
            quotes = [] if counted else self.evidence.get((resource, record_id), [])
            exact = [q for q in quotes if q["field"] == field]
            records.append(
                {
                    **record,
                    "counted": counted,
                    "known": (resource, record_id) in self.rows or resource.endswith(".json"),
                    "source_ids": self.source_ids(resource, record_id),
                    "quotes": [
                        {"source_id": q["source_id"], "quote": q["quote"], "translation": q.get("translation") or ""}
                        for q in (exact or quotes)
                    ],
                }
            )
            # A number states a claim when it reads the claim's row (not when it counts ledger rows).
            claim = None if counted else record_id if resource == "claims" else self.claim_of_record.get(record_id)
            if claim and claim not in claims:
                claims.append(claim)
        source_ids = list(dict.fromkeys(s for r in records for s in r["source_ids"]))
        return {
            "page": page,
            "name": name,
            "anchor": anchor(page, name),
            "text": payload["text"],
            "value": payload["value"],
            "unit": payload["unit"],
            "derivation": payload["derivation"],
            "records": records,
            "source_ids": source_ids,
            "claims": [{"claim_id": c, "status": self.status.get(c, "")} for c in claims],
        }

    def source(self, source_id: str) -> dict:
        return self.sources.get(source_id, {})


# --- the three renderings: HTML panel, appendix entry (HTML and LaTeX), CSV row --------


def _value_line(number: dict) -> str:
    return f"{number['value']} ({number['unit']})" if number["unit"] else str(number["value"])


@dataclass(frozen=True)
class _Markup:
    """How one output format writes the parts of a record line (HTML and LaTeX share the line itself)."""

    text: Callable[[Any], str]  # escaped text
    code: Callable[[str], str]  # a file name
    quote: Callable[[str], str]  # a source's own words
    link: Callable[[str, str], str]  # (address, escaped title)


def _source_text(catalogue: Catalogue, source_id: str, markup: _Markup) -> str:
    """'Publisher, Title (date; rated colour)', the title linked to the source's address when it has one."""
    source = catalogue.source(source_id)
    title = markup.text(source.get("title") or source_id)
    url = source.get("url") or ""
    linked = markup.link(url, title) if url else title
    return (
        f"{markup.text(source.get('publisher') or '')}, {linked} ({markup.text(source.get('published') or 'undated')}; "
        f"rated {markup.text(source.get('reliability') or '')})"
    )


def _shown_quotes(record: dict, seen: set) -> list[tuple[dict, bool]]:
    """The record's quotes, each marked True if an earlier record of the same number showed it."""
    shown = []
    for quote in record["quotes"]:
        key = (quote["source_id"], quote["quote"])
        shown.append((quote, key in seen))
        seen.add(key)
    return shown


def _record_lines(catalogue: Catalogue, number: dict, markup: _Markup) -> list[str]:
    """One line per value read, with its source and quoted words (rows a count counts are named by
    its derivation); a passage an earlier record of the number quoted is not repeated."""
    lines, seen = [], set()
    for r in number["records"]:
        if r["counted"]:
            continue
        sources = "; ".join(_source_text(catalogue, s, markup) for s in r["source_ids"]) or "the book's own data"
        quotes = "".join(
            " (the same passage)"
            if repeated
            else f" {markup.quote(q['quote'])}" + (f" ({markup.text(q['translation'])})" if q["translation"] else "")
            for q, repeated in _shown_quotes(r, seen)
        )
        lines.append(
            f"{markup.code(resource_file(r['resource']))} {markup.text(r['record_id'])}, "
            f"{markup.text(r['field'])} = {markup.text(r['value'])}. Source: {sources}.{quotes}"
        )
    return lines


def _records_html(catalogue: Catalogue, number: dict, tag: str) -> str:
    return "".join(f"<{tag} class='bb-rec'>{line}</{tag}>" for line in _record_lines(catalogue, number, _HTML))


def _claims_text(number: dict) -> str:
    return "; ".join(f"claim {c['claim_id']} of the ledger, {c['status']}" for c in number["claims"])


def panel_html(catalogue: Catalogue, number: dict, panel_id: str, appendix_uri: str) -> str:
    """The popover that opens from a number in the HTML."""
    title_id = f"{panel_id}-title"
    claims = _claims_text(number)
    return (
        f'<div class="bb-panel" id="{panel_id}" popover role="dialog" aria-labelledby="{title_id}" tabindex="-1">'
        f'<p class="bb-panel-title" id="{title_id}">Where {escape.html(number["text"])} comes from</p>'
        f"<dl><dt>Value</dt><dd>{escape.html(_value_line(number))}</dd>"
        f"<dt>Derivation</dt><dd>{escape.html(number['derivation'])}</dd>"
        + (f"<dt>Ledger</dt><dd>{escape.html(claims)}</dd>" if claims else "")
        + f"</dl><ul>{_records_html(catalogue, number, 'li')}</ul>"
        f'<p><a href="{escape.html(appendix_uri)}">This number in the appendix</a></p></div>'
    )


def number_html(number: dict, use_id: str | None, panel_id: str, appendix_uri: str) -> str:
    """The number in the prose: a link to its appendix entry, which the page's script turns into the
    button of the number's popover."""
    id_attribute = f' id="{use_id}"' if use_id else ""
    return (
        f'<a class="bb-number"{id_attribute} href="{escape.html(appendix_uri)}" data-panel="{panel_id}" '
        f'aria-label="{escape.html(number["text"])}: where it comes from">'
        f'<span class="pasted-text">{escape.html(number["text"])}</span></a>'
    )


def appendix_entry_html(catalogue: Catalogue, number: dict, back_uri: str) -> str:
    claims = _claims_text(number)
    return (
        f'<div class="bb-entry" id="{number["anchor"]}"><p><strong>{escape.html(number["text"])}</strong> '
        f"<code>{escape.html(number['name'])}</code> · value {escape.html(_value_line(number))} · "
        f'<a href="{escape.html(back_uri)}">back to its sentence</a></p>'
        f"<p>Derivation: {escape.html(number['derivation'])}</p>"
        + (f"<p>Ledger: {escape.html(claims)}</p>" if claims else "")
        + f"<ul>{_records_html(catalogue, number, 'li')}</ul></div>"
    )


def number_latex(number: dict, first_use: bool) -> str:
    """The number in the PDF's prose: a link to its appendix entry (its first use on the page is also
    the target of the entry's page reference)."""
    label = f"\\phantomsection\\label{{bbuse:{number['anchor']}}}" if first_use else ""
    return f"{label}\\hyperlink{{bbnum:{number['anchor']}}}{{{escape.latex(number['text'])}}}"


def appendix_entry_latex(catalogue: Catalogue, number: dict) -> str:
    claims = _claims_text(number)
    lines = [
        f"\\par\\smallskip\\noindent\\hypertarget{{bbnum:{number['anchor']}}}{{}}"
        f"\\textbf{{{escape.latex(number['text'])}}} ({escape.latex(number['name'])}), "
        f"on page~\\pageref{{bbuse:{number['anchor']}}}. Value {escape.latex(_value_line(number))}.",
        f"\\par\\noindent Derivation: {escape.latex(number['derivation'])}.",
    ]
    if claims:
        lines.append(f"\\par\\noindent Ledger: {escape.latex(claims)}.")
    lines += [f"\\par\\noindent\\hangindent=1em {line}" for line in _record_lines(catalogue, number, _LATEX)]
    return "\n".join(lines) + "\n"


def _href(url: str, title: str) -> str:
    target = url.replace("\\", "/").replace("%", "\\%").replace("#", "\\#")
    return f"\\href{{{target}}}{{{title}}}"


_HTML = _Markup(
    text=escape.html,
    code=lambda name: f"<code>{escape.html(name)}</code>",
    quote=lambda words: f"<q>{escape.html(words)}</q>",
    link=lambda url, title: f'<a href="{escape.html(url)}">{title}</a>',
)
_LATEX = _Markup(text=escape.latex, code=escape.latex, quote=lambda words: f"``{escape.latex(words)}''", link=_href)


CSV_FIELDS = [
    "page",
    "name",
    "anchor",
    "text",
    "value",
    "unit",
    "derivation",
    "record_ids",
    "source_ids",
    "claim_id",
    "status",
]


def csv_row(number: dict) -> dict:
    return {
        "page": number["page"],
        "name": number["name"],
        "anchor": number["anchor"],
        "text": number["text"],
        "value": number["value"],
        "unit": number["unit"],
        "derivation": number["derivation"],
        "record_ids": " ".join(dict.fromkeys(f"{r['resource']}:{r['record_id']}" for r in number["records"])),
        "source_ids": " ".join(number["source_ids"]),
        "claim_id": " ".join(c["claim_id"] for c in number["claims"]),
        "status": " ".join(c["status"] for c in number["claims"]),
    }
