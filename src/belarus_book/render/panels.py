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
from .formatting import date
from .numbers import anchor, resource_file

# --- resolving a number's records against the data package ----------------------------


class Catalogue:
    """The data package's rows, sources, evidence quotes and ledger, to say where a number comes from."""

    def __init__(self, data, ledger, changes: dict | None = None) -> None:
        # The numbers the latest release changed (``changes.latest_changes``), by (page, name).
        self.changes = changes or {}
        self.rows: dict[tuple[str, str], dict] = {}
        for name, table in vars(data).items():
            key = getattr(table, "bb_id", None)
            if key is None:
                continue
            for record in table.to_dict("records"):
                self.rows[(name, str(plain(record[key])))] = record
        # Which table holds each record (ids are unique across the data package).
        self.resource_of = {record_id: resource for resource, record_id in self.rows}
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
            # Said only while the text is the one that release gave it.
            "changed": (change := self.changes.get((page, name))) and change["now"] == payload["text"] and change,
        }

    def source(self, source_id: str) -> dict:
        return self.sources.get(source_id, {})


# --- the three renderings: HTML panel, appendix entry (HTML and LaTeX), CSV row --------


def _shown_value(value) -> str:
    """A value as a reader reads it: no float noise ('52.24444444444445' is '52.24')."""
    try:
        number = float(str(value))
    except ValueError:
        return str(value)
    return f"{number:,.2f}".rstrip("0").rstrip(".") if number != int(number) else f"{int(number):,}"


def _value_line(number: dict) -> str:
    value = _shown_value(number["value"])
    return f"{value} ({number['unit']})" if number["unit"] else value


# The glossary's ratings, said in the words a reader needs.
RATING_WORDS = {
    "green": "rated green: a statistics office, an official act or a major wire service giving a precise figure",
    "amber": "rated amber: an official's rounded figure, or a secondary outlet or analysis relaying one",
    "red": "rated red: a source of unclear origin, an inferred date or an opinion",
}
# Who gives a figure, by the column a table names them in.
WHO_COLUMNS = ("stated_by", "estimated_by", "counted_by", "made_by")


def _published(source: dict) -> str:
    published = str(source.get("published") or "")
    if not published or published == "nan":
        return "undated"
    return date(published) if len(published) >= 7 else published


def _unquoted(words: str) -> str:
    """A passage without the quotation marks it may open or close with, to be quoted once."""
    return str(words).strip().strip('"\u201c\u201d\u00ab\u00bb\u201e').strip()


def lead_sentence(catalogue: Catalogue, number: dict) -> str:
    """The plain sentence, and, for a number the latest release changed, what it was."""
    sentence = _lead(catalogue, number)
    change = number.get("changed")
    if change:
        sentence += f" Changed in {change['version']}: was {change['was']}; the corrections page says why."
    return sentence


def _lead(catalogue: Catalogue, number: dict) -> str:
    """One sentence a journalist could quote: who gives the figure, where and when, in their own
    words, and how the book shows it; for a number the book computes from several records, which
    sources it is computed from."""
    read = [r for r in number["records"] if not r["counted"]]
    sources = list(dict.fromkeys(s for r in read for s in r["source_ids"]))
    shown = f"shown here as {number['text']}"
    if len(sources) == 1 and len({r["record_id"] for r in read}) == 1:
        record, source = read[0], catalogue.source(sources[0])
        row = catalogue.rows.get((record["resource"], record["record_id"]), {})
        who = next(
            (str(row[c]) for c in WHO_COLUMNS if isinstance(row.get(c), str) and row[c] and row[c] != "not stated"),
            "",
        )
        where = f"{source.get('publisher') or sources[0]}, {_published(source)}"
        said = f"{who}, in {where}" if who else where
        quote = record["quotes"][0] if record["quotes"] else None
        if quote:
            words = f"\u201c{_unquoted(quote['quote'])}\u201d"
            if quote["translation"]:
                words += f" (\u201c{_unquoted(quote['translation'])}\u201d)"
            return f"{said}: {words}; {shown}."
        return f"{said}; {shown}."
    if not sources:
        return f"Computed by the book from its own records; {shown}."
    names = [str(catalogue.source(s).get("publisher") or s) for s in sources]
    listed = ", ".join(dict.fromkeys(names[:4])) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
    return f"Computed by the book from {listed}; {shown}."


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
    rating = RATING_WORDS.get(str(source.get("reliability") or ""), "not rated")
    return f"{markup.text(source.get('publisher') or '')}, {linked} ({markup.text(_published(source))}; {rating})"


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


def _technical_html(catalogue: Catalogue, number: dict) -> str:
    """Identifiers, field names and the raw derivation, collapsed: for those who check the data."""
    claims = _claims_text(number)
    return (
        "<details class='bb-technical'><summary>Technical detail</summary>"
        f"<dl><dt>Value</dt><dd>{escape.html(_value_line(number))}</dd>"
        f"<dt>Derivation</dt><dd>{escape.html(number['derivation'])}</dd>"
        + (f"<dt>Ledger</dt><dd>{escape.html(claims)}</dd>" if claims else "")
        + f"<dt>Name</dt><dd><code>{escape.html(number['name'])}</code></dd>"
        f"</dl><ul>{_records_html(catalogue, number, 'li')}</ul></details>"
    )


def _sources_html(catalogue: Catalogue, number: dict) -> str:
    """Each source once, with its link and its rating in words."""
    items = "".join(
        f"<li>{_source_text(catalogue, s, _HTML)}</li>" for s in number["source_ids"] if catalogue.source(s)
    )
    return f"<ul class='bb-sources'>{items}</ul>" if items else ""


def panel_html(
    catalogue: Catalogue, number: dict, panel_id: str, appendix_uri: str, link_text: str = "This number in the appendix"
) -> str:
    """The popover that opens from a number (or a chart's mark) in the HTML: its plain sentence, its
    sources in words, then the technical detail, collapsed; last, the way to its entry."""
    title_id = f"{panel_id}-title"
    verdicts = "".join(
        f"<p class='bb-panel-claim'>The fact-check on the claim it bears on: {escape.html(c['status'])}.</p>"
        for c in number["claims"]
        if c["status"]
    )
    return (
        f'<div class="bb-panel" id="{panel_id}" popover role="dialog" aria-labelledby="{title_id}" tabindex="-1">'
        f'<p class="bb-panel-title" id="{title_id}">Where {escape.html(number["text"])} comes from</p>'
        f"<p class='bb-panel-lead'>{escape.html(lead_sentence(catalogue, number))}</p>"
        + verdicts
        + _sources_html(catalogue, number)
        + _technical_html(catalogue, number)
        + f'<p><a href="{escape.html(appendix_uri)}">{escape.html(link_text)}</a></p></div>'
    )


def number_text_html(number: dict) -> str:
    """The number as text only, as the reader's edition prints it."""
    return f'<span class="pasted-text">{escape.html(number["text"])}</span>'


def number_html(number: dict, use_id: str | None, panel_id: str, appendix_uri: str) -> str:
    """The number in the prose: a link to its appendix entry, which the page's script turns into the
    button of the number's popover."""
    id_attribute = f' id="{use_id}"' if use_id else ""
    return (
        f'<a class="bb-number"{id_attribute} href="{escape.html(appendix_uri)}" data-panel="{panel_id}" '
        f'aria-label="{escape.html(number["text"])}: where it comes from">' + number_text_html(number) + "</a>"
    )


def appendix_entry_html(catalogue: Catalogue, number: dict, back_uri: str) -> str:
    return (
        f'<div class="bb-entry" id="{number["anchor"]}"><p><strong>{escape.html(number["text"])}</strong> · '
        f'<a href="{escape.html(back_uri)}">back to its sentence</a></p>'
        f"<p class='bb-panel-lead'>{escape.html(lead_sentence(catalogue, number))}</p>"
        + _sources_html(catalogue, number)
        + _technical_html(catalogue, number)
        + "</div>"
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
# Typographic quotes: xelatex prints TeX's ``...'' literally (a backtick pair) in this font set-up.
_LATEX = _Markup(
    text=escape.latex, code=escape.latex, quote=lambda words: f"\u201c{escape.latex(words)}\u201d", link=_href
)


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
