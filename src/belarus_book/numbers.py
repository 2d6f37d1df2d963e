"""A number in the prose, and everything it carries: the one place that says what provenance a
generated number has and how it is written out for the HTML, the PDF and ``numbers.csv``.

Every formatting function (``formatting``) returns a ``Number``: the text the reader sees, with
the value and unit it was formatted from, the derivation written out from the traced values it
was given (``provenance``), and the data records those rest on. ``publish`` glues it with that
provenance; at build time ``resolve`` adds each record's source, rating and evidence quote and the
ledger claim it states, and the Sphinx extension renders the result as a popover (HTML), a link
to the appendix "Where every number comes from" (PDF) and a row of ``numbers.csv``.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .provenance import Record, Traced, plain

# The glue payload's MIME type: MyST-NB keeps it in the executed notebook beside text/plain.
MIME = "application/vnd.belarus-book.number+json"


class Number(str):
    """A formatted number that knows its value, unit, derivation and records."""

    value: Any = None
    unit: str = ""
    derivation: str = ""
    records: tuple[Record, ...] = ()

    def payload(self) -> dict:
        """What the build needs from the kernel to say where this number comes from."""
        return {
            "text": str(self),
            "value": self.value,
            "unit": self.unit,
            "derivation": self.derivation,
            "records": [record.as_dict() for record in self.records],
        }


def _plain(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(v) for v in value)
    return plain(value)


def _flat(values) -> list:
    flat = []
    for value in values:
        flat.extend(_flat(value) if isinstance(value, (list, tuple)) else [value])
    return flat


def _json_value(value: Any) -> Any:
    value = _plain(value)
    if isinstance(value, (list, tuple)):
        return "/".join(str(_json_value(v)) for v in value)
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value if isinstance(value, (int, float, str)) else str(value)


def number(unit: str, values: int = 1):
    """Make a formatting function return a ``Number``: the function formats plain values; the
    ``values`` first arguments are the number's value (a range or period when two), and every
    traced argument adds its records."""

    def decorate(function):
        @functools.wraps(function)
        def formatted(*args, **kwargs):
            text = function(*(_plain(a) for a in args), **{k: _plain(v) for k, v in kwargs.items()})
            result = Number(text)
            traced_args = [a for a in _flat((*args, *kwargs.values())) if isinstance(a, Traced)]
            value_args = list(args[:values])
            shown = [v for i, v in enumerate(value_args) if i == 0 or _plain(v) != _plain(value_args[0])]
            result.value = _json_value(shown[0]) if len(shown) == 1 else "/".join(str(_plain(v)) for v in shown)
            result.unit = unit(*map(_plain, args)) if callable(unit) else unit
            result.derivation = " to ".join(derivation(v) for v in _flat(shown) if isinstance(v, Traced))
            records: list[Record] = []
            for argument in traced_args:
                records.extend(argument.records)
            result.records = tuple(dict.fromkeys(records))
            return result

        return formatted

    return decorate


# --- the derivation, written out ----------------------------------------------------

_PRECEDENCE = {"+": 1, "−": 1, "×": 2, "÷": 2}
# Units of the fields the derivation writes with their unit (others are written as plain numbers).
FIELD_UNITS = {"value_usd_m": "USD million"}


def _leaf_text(record: Record, raw: Any) -> str:
    from .formatting import plain_number, usd

    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        text = usd(raw) if FIELD_UNITS.get(record.field) == "USD million" else plain_number(raw)
    else:
        text = str(raw)
    return f"{text} ({record.record_id})"


def derivation(value: Any) -> str:
    """How a traced value was computed, with its inputs: '$5.4 billion (TF-18) − $1.5 billion (TF-24)'."""
    return _render(value.expr)[0]


def _file(resource: str) -> str:
    return resource if "." in resource else f"{resource}.csv"


def _render(expr) -> tuple[str, int]:
    """(text, precedence) of an expression; atoms have precedence 3."""
    from .formatting import plain_number

    kind = expr[0]
    if kind == "leaf":
        return _leaf_text(expr[1], expr[2]), 3
    if kind == "const":
        return plain_number(expr[1]) if isinstance(expr[1], (int, float)) else str(expr[1]), 3
    if kind == "neg":
        inner, precedence = _render(expr[1])
        return "−" + (inner if precedence == 3 else f"({inner})"), 3
    if kind == "abs":
        return f"|{_render(expr[1])[0]}|", 3
    if kind == "sum":
        return " + ".join(_render(leaf)[0] for leaf in expr[1]) or "0", 1
    if kind == "rows":
        _, resource, ids, field = expr
        listed = ", ".join(ids)
        if field:
            return f"distinct values of {field} in rows {listed} of {_file(resource)}", 3
        return f"rows {listed} of {_file(resource)}" if ids else f"no rows of {_file(resource)}", 3
    if kind == "none":
        return f"none of the {len(expr[2])} rows of {_file(expr[1])}", 3
    if kind == "absent":
        _, resource, ids, field, value = expr
        return f"{value} is not a {field} of any of rows {', '.join(ids)} of {_file(resource)}", 3
    if kind == "op":
        _, symbol, left, right = expr
        mine = _PRECEDENCE[symbol]
        left_text, left_precedence = _render(left)
        right_text, right_precedence = _render(right)
        if left_precedence < mine:
            left_text = f"({left_text})"
        if right_precedence < mine or (right_precedence == mine and symbol in "−÷"):
            right_text = f"({right_text})"
        return f"{left_text} {symbol} {right_text}", mine
    raise ValueError(f"unknown expression {kind!r}")


# --- anchors --------------------------------------------------------------------------


def anchor(page: str, name: str) -> str:
    """A stable id for a number: its page's file name and its glue name, as one HTML/LaTeX-safe token."""
    return "n-" + re.sub(r"[^a-z0-9]+", "-", f"{page.rsplit('/', 1)[-1]}-{name}".lower()).strip("-")


def escape(text: Any) -> str:
    return html.escape(str(text), quote=True)


# --- resolving a number's records against the data package ----------------------------


class Catalogue:
    """The data package's rows, sources, evidence quotes and ledger, to say where a number comes from."""

    def __init__(self, data, ledger) -> None:
        from .provenance import plain as _p

        self.rows: dict[tuple[str, str], dict] = {}
        for name, table in vars(data).items():
            key = getattr(table, "bb_id", None)
            if key is None:
                continue
            for record in table.to_dict("records"):
                self.rows[(name, str(_p(record[key])))] = record
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
            f"{markup.code(_file(r['resource']))} {markup.text(r['record_id'])}, "
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
        f'<p class="bb-panel-title" id="{title_id}">Where {escape(number["text"])} comes from</p>'
        f"<dl><dt>Value</dt><dd>{escape(_value_line(number))}</dd>"
        f"<dt>Derivation</dt><dd>{escape(number['derivation'])}</dd>"
        + (f"<dt>Ledger</dt><dd>{escape(claims)}</dd>" if claims else "")
        + f"</dl><ul>{_records_html(catalogue, number, 'li')}</ul>"
        f'<p><a href="{escape(appendix_uri)}">This number in the appendix</a></p></div>'
    )


def number_html(number: dict, use_id: str | None, panel_id: str, appendix_uri: str) -> str:
    """The number in the prose: a link to its appendix entry, which the page's script turns into the
    button of the number's popover."""
    id_attribute = f' id="{use_id}"' if use_id else ""
    return (
        f'<a class="bb-number"{id_attribute} href="{escape(appendix_uri)}" data-panel="{panel_id}" '
        f'aria-label="{escape(number["text"])}: where it comes from">'
        f'<span class="pasted-text">{escape(number["text"])}</span></a>'
    )


def appendix_entry_html(catalogue: Catalogue, number: dict, back_uri: str) -> str:
    claims = _claims_text(number)
    return (
        f'<div class="bb-entry" id="{number["anchor"]}"><p><strong>{escape(number["text"])}</strong> '
        f"<code>{escape(number['name'])}</code> · value {escape(_value_line(number))} · "
        f'<a href="{escape(back_uri)}">back to its sentence</a></p>'
        f"<p>Derivation: {escape(number['derivation'])}</p>"
        + (f"<p>Ledger: {escape(claims)}</p>" if claims else "")
        + f"<ul>{_records_html(catalogue, number, 'li')}</ul></div>"
    )


_CJK = re.compile(r"([\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]+)")


def _tex(text: Any) -> str:
    """Text escaped for XeLaTeX; runs of Chinese or Japanese set in the CJK font the preamble names."""
    from sphinx.util.texescape import escape as tex_escape

    def cjk(run: re.Match) -> str:  # a line may break between any two characters, as in the script itself
        return "{\\bbcjk " + "\\allowbreak{}".join(run.group(1)) + "}"

    return _CJK.sub(cjk, tex_escape(str(text), latex_engine="xelatex"))


def number_latex(number: dict, first_use: bool) -> str:
    """The number in the PDF's prose: a link to its appendix entry (its first use on the page is also
    the target of the entry's page reference)."""
    label = f"\\phantomsection\\label{{bbuse:{number['anchor']}}}" if first_use else ""
    return f"{label}\\hyperlink{{bbnum:{number['anchor']}}}{{{_tex(number['text'])}}}"


def appendix_entry_latex(catalogue: Catalogue, number: dict) -> str:
    claims = _claims_text(number)
    lines = [
        f"\\par\\smallskip\\noindent\\hypertarget{{bbnum:{number['anchor']}}}{{}}"
        f"\\textbf{{{_tex(number['text'])}}} ({_tex(number['name'])}), "
        f"on page~\\pageref{{bbuse:{number['anchor']}}}. Value {_tex(_value_line(number))}.",
        f"\\par\\noindent Derivation: {_tex(number['derivation'])}.",
    ]
    if claims:
        lines.append(f"\\par\\noindent Ledger: {_tex(claims)}.")
    lines += [f"\\par\\noindent\\hangindent=1em {line}" for line in _record_lines(catalogue, number, _LATEX)]
    return "\n".join(lines) + "\n"


def _href(url: str, title: str) -> str:
    target = url.replace("\\", "/").replace("%", "\\%").replace("#", "\\#")
    return f"\\href{{{target}}}{{{title}}}"


_HTML = _Markup(
    text=escape,
    code=lambda name: f"<code>{escape(name)}</code>",
    quote=lambda words: f"<q>{escape(words)}</q>",
    link=lambda url, title: f'<a href="{escape(url)}">{title}</a>',
)
_LATEX = _Markup(text=_tex, code=_tex, quote=lambda words: f"``{_tex(words)}''", link=_href)


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
