"""The book's Sphinx extension, loaded through _config.yml (sphinx.extra_extensions).

Numbers: ``{glue:text}`` pastes a number (a glued ``numbers.Number``) as a node that knows where
the number comes from. In the HTML it is a link to its entry in the appendix "Where every number
comes from", which the page's script (``_static/numbers.js``) turns into the button of a popover
holding the number's provenance; in the PDF it is a hyperlink to that entry, which gives the page
the number is on. The appendix (``{numbers-appendix}``), ``numbers.csv`` beside the HTML, and one
schema.org ClaimReview per ledger claim on the claim's page come from the same records.

Fixes:

sphinx-thebe and sphinx-togglebutton register inline configuration scripts (no file name) that
reach each page twice, once with the file name None and once with "", which Sphinx does not
recognise as the same script. So every page declared THEBE_JS_URL twice, which browsers report
as a page error. The repeats are dropped from each page's script list before it is rendered.
The bibliography's container gets the role its entries need (see _bibliography_role).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive
from myst_nb.ext.glue.roles import PasteTextRole
from myst_nb.ext.glue.utils import retrieve_glue_data
from sphinx.util import logging

from ..render import changes, claim_badges, escape, numbers, panels
from . import chart_marks, editions, glossary_links, structured_data

logger = logging.getLogger(__name__)
APPENDIX = "back/numbers"


def _key(script) -> tuple:
    # The same inline script arrives once with filename None and once with "" (registry vs builder).
    attributes = getattr(script, "attributes", {})
    return (str(getattr(script, "filename", script) or ""), tuple(sorted((k, str(v)) for k, v in attributes.items())))


def _drop_repeated_scripts(app, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files")
    if not isinstance(scripts, list):
        return
    seen, unique = set(), []
    for script in scripts:
        if _key(script) not in seen:
            seen.add(_key(script))
            unique.append(script)
    scripts[:] = unique


def _bibliography_role(app, pagename, templatename, context, doctree) -> None:
    """docutils gives the citation container role="list" while its children are bibliography
    entries (role="doc-biblioentry"), which assistive technology cannot reconcile; the container
    is a bibliography."""
    body = context.get("body")
    if isinstance(body, str) and '<div role="list" class="citation-list">' in body:
        context["body"] = body.replace(
            '<div role="list" class="citation-list">', '<div role="doc-bibliography" class="citation-list">'
        )


# --- numbers ---------------------------------------------------------------------------


class number_node(nodes.inline):
    """A generated number in the prose, with its resolved provenance."""


class numbers_appendix(nodes.General, nodes.Element):
    """Where the appendix's entries go, once every page has been read."""


def _catalogue(app) -> panels.Catalogue:
    if getattr(app, "bb_catalogue", None) is None:
        from ..data import datapackage
        from ..render.ledger import checked_ledger

        data = datapackage.load(Path(app.srcdir) / "data")
        app.bb_data = data
        # The evaluated ledger, its workings in words (for the claims' panels).
        app.bb_ledger = checked_ledger(data)
        app.bb_claims = {str(row["claim_id"]): row for row in app.bb_ledger.to_dict("records")}
        log = Path(app.srcdir) / "CHANGELOG.md"
        latest = changes.latest_changes(log.read_text(encoding="utf-8")) if log.is_file() else {}
        app.bb_catalogue = panels.Catalogue(data, app.bb_ledger, latest)
    return app.bb_catalogue


class NumberTextRole(PasteTextRole):
    """``{glue:text}`` as MyST-NB pastes it, except that a number keeps its provenance."""

    def run(self):
        pasted, messages = super().run()
        key = self.text.rsplit(":", 1)[0] if self.text.count(":") == 1 else self.text
        if len(pasted) != 1 or "::" in key:
            return pasted, messages
        payload = retrieve_glue_data(self.document, key).data.get(numbers.MIME)
        if payload is None:
            return pasted, messages
        env = self.document.settings.env
        app = env.app
        number = _catalogue(app).resolve(env.docname, key, payload)
        page = env.bb_numbers.setdefault(env.docname, {})
        uses = env.bb_uses.setdefault(env.docname, {})
        uses[key] = uses.get(key, 0) + 1
        if key not in page:
            page[key] = number
            for record in number["records"]:
                if not record["known"]:
                    logger.warning(
                        f"number {key!r}: record {record['resource']} {record['record_id']} is not in the data package",
                        location=(env.docname, self.line),
                    )
            for source_id in number["source_ids"]:
                if source_id not in _catalogue(app).sources:
                    logger.warning(
                        f"number {key!r}: source {source_id!r} is not in sources.csv", location=(env.docname, self.line)
                    )
            if not number["records"]:
                logger.warning(f"number {key!r} rests on no data record", location=(env.docname, self.line))
        node = number_node(pasted[0].astext(), pasted[0].astext(), classes=["pasted-text", "bb-number"])
        node["number"], node["use"] = number, uses[key]
        self.set_source_info(node)
        return [node], messages


def _appendix_uri(builder, docname: str, anchor: str) -> str:
    return builder.get_relative_uri(docname, APPENDIX) + "#" + anchor


def visit_number_html(self, node):
    number, use = node["number"], node["use"]
    if editions.is_reader(self.builder):  # the reader's EPUB: the number as text, no panel
        self.body.append(panels.number_text_html(number))
        raise nodes.SkipNode
    docname = self.builder.current_docname
    anchor = number["anchor"]
    panel_id = f"panel-{anchor}" + (f"-{use}" if use > 1 else "")
    uri = _appendix_uri(self.builder, docname, anchor)
    self.body.append(panels.number_html(number, f"use-{anchor}" if use == 1 else None, panel_id, uri))
    page_panels = self.builder.__dict__.setdefault("bb_panels", {}).setdefault(docname, [])
    page_panels.append(panels.panel_html(_catalogue(self.builder.app), number, panel_id, uri))
    raise nodes.SkipNode


def visit_number_latex(self, node):
    if editions.is_reader(self.builder):  # the reader's PDF: the number in the text's colour
        self.body.append(escape.latex(node["number"]["text"]))
        raise nodes.SkipNode
    self.body.append(panels.number_latex(node["number"], node["use"] == 1))
    raise nodes.SkipNode


def visit_number_text(self, node):
    pass


def depart_number_text(self, node):
    pass


# --- claims ----------------------------------------------------------------------------


class claim_node(nodes.inline):
    """A ledger claim's verdict beside the sentence that discusses it."""


def claim_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{claim}`SC-ECO-16```: the claim's status, read from the evaluated ledger at build time."""
    env = inliner.document.settings.env
    claim_id = text.strip()
    claim = _claim(env.app, claim_id)
    if claim is None:
        logger.warning(f"claim {claim_id!r} is not in data/claims.csv", location=(env.docname, lineno))
        return [nodes.Text(text)], []
    uses = env.bb_claims.setdefault(env.docname, {})
    uses[claim_id] = uses.get(claim_id, 0) + 1
    node = claim_node(rawtext, claim_badges.badge_text(claim["status"]), classes=["bb-claim"])
    node["claim_id"], node["status"], node["use"] = claim_id, str(claim["status"]), uses[claim_id]
    node.source, node.line = env.doc2path(env.docname), lineno
    return [node], []


def _claim(app, claim_id: str) -> dict | None:
    _catalogue(app)
    return app.bb_claims.get(claim_id)


def visit_claim_html(self, node):
    claim_id, use = node["claim_id"], node["use"]
    docname = self.builder.current_docname
    panel_id = f"claim-panel-{claim_id.lower()}" + (f"-{use}" if use > 1 else "")
    uri = self.builder.get_relative_uri(docname, claim_badges.FACT_CHECK) + "#" + claim_badges.claim_anchor(claim_id)
    app = self.builder.app
    if editions.is_reader(self.builder):  # the reader's EPUB: a link to the claim's check, no panel
        self.body.append(claim_badges.badge_html(claim_id, node["status"], None, uri))
        raise nodes.SkipNode
    self.body.append(claim_badges.badge_html(claim_id, node["status"], panel_id, uri))
    page_panels = self.builder.__dict__.setdefault("bb_panels", {}).setdefault(docname, [])
    data = app.bb_data
    page_panels.append(
        claim_badges.panel_html(
            _claim(app, claim_id), data.findings, data.evidence, _catalogue(app).sources, panel_id, uri
        )
    )
    raise nodes.SkipNode


def visit_claim_latex(self, node):
    self.body.append(claim_badges.badge_latex(node["status"]))
    raise nodes.SkipNode


def _every_claim_is_marked(app, env) -> None:
    """Each ledger claim carries its badge at least once in its own chapter's prose."""
    _catalogue(app)
    for claim_id, claim in app.bb_claims.items():
        page = f"chapters/{claim['section']}"
        if page in env.found_docs and claim_id not in env.bb_claims.get(page, {}):
            logger.warning(f"claim {claim_id} has no {{claim}} badge in the prose of {page}", location=page)


def _link_glossary_terms(app, doctree) -> None:
    # Generated numbers and badges are not prose.
    glossary_links.link_first_uses(doctree, app.env.docname, (claim_node, number_node))


class NumbersAppendix(Directive):
    """``{numbers-appendix}``: the entries of every generated number, by page in reading order."""

    def run(self):
        return [numbers_appendix()]


def _reading_order(app) -> list[str]:
    from .book import chapter_files

    root = Path(app.srcdir)
    return [str(path.relative_to(root).with_suffix("")) for path in chapter_files(root)]


def _all_numbers(app) -> list[dict]:
    env = app.env
    ordered = []
    for docname in _reading_order(app):
        ordered.extend(env.bb_numbers.get(docname, {}).values())
    return ordered


def _fill_appendix(app, doctree, docname):
    placeholders = list(doctree.findall(numbers_appendix))
    if not placeholders:
        return
    catalogue, env = _catalogue(app), app.env
    html_parts, latex_parts = [], []
    for page in _reading_order(app):
        entries = list(env.bb_numbers.get(page, {}).values())
        if not entries:
            continue
        title = env.titles[page].astext() if page in env.titles else page
        page_uri = app.builder.get_relative_uri(APPENDIX, page) if app.builder.format == "html" else ""
        html_parts.append(f'<h2 class="bb-appendix-page">{escape.html(title)}</h2>')
        latex_parts.append(f"\\par\\bigskip\\noindent\\textbf{{\\large {escape.latex(title)}}}\\par\n")
        for number in entries:
            html_parts.append(panels.appendix_entry_html(catalogue, number, f"{page_uri}#use-{number['anchor']}"))
            latex_parts.append(panels.appendix_entry_latex(catalogue, number))
    for placeholder in placeholders:
        placeholder.replace_self(
            [
                nodes.raw("", "\n".join(html_parts), format="html"),
                nodes.raw("", "{\\footnotesize\\raggedright\n" + "".join(latex_parts) + "\\par}\n", format="latex"),
            ]
        )


def _append_panels(app, pagename, templatename, context, doctree) -> None:
    page_panels = getattr(app.builder, "bb_panels", {}).get(pagename)
    if page_panels and isinstance(context.get("body"), str):
        context["body"] += '<div class="bb-panels">' + "".join(page_panels) + "</div>"


def _claim_reviews(app, pagename, templatename, context, doctree) -> None:
    """One schema.org ClaimReview per ledger claim, on the page that checks it."""
    if doctree is None:
        return
    _catalogue(app)
    ledger, sources = app.bb_ledger, app.bb_catalogue.sources
    title = app.config.html_title  # Jupyter Book's title (it leaves Sphinx's project unset)
    blocks = []
    for claim in ledger.to_dict("records"):
        if f"chapters/{claim['section']}" != pagename:
            continue
        commentary = sources.get(str(claim["commentary"]), {})
        authors = [a.strip() for a in str(commentary.get("author") or "").split(";") if a.strip()]
        item = {
            "@type": "Claim",
            "author": [{"@type": "Person", "name": a} for a in authors]
            or {"@type": "Organization", "name": commentary.get("publisher", "")},
            "datePublished": str(commentary.get("published") or ""),
            "appearance": {
                "@type": "CreativeWork",
                "name": commentary.get("title", ""),
                "publisher": {"@type": "Organization", "name": commentary.get("publisher", "")},
                **({"url": commentary["url"]} if commentary.get("url") else {}),
            },
        }
        review = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "identifier": str(claim["claim_id"]),
            "claimReviewed": str(claim["claim"]),
            "itemReviewed": item,
            "reviewRating": {"@type": "Rating", "alternateName": str(claim["status"])},
            "author": {"@type": "Organization", "name": title},
        }
        blocks.append(
            '<script type="application/ld+json">'
            + json.dumps(review, ensure_ascii=False).replace("</", "<\\/")
            + "</script>"
        )
    if blocks:
        context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(blocks)


NUMBERS_SCHEMA = Path(panels.__file__).with_name("numbers.schema.json")


def _write_numbers_csv(app, exception) -> None:
    if exception is not None or app.builder.name != "html":  # not into the EPUB
        return
    outdir = Path(app.outdir)
    with (outdir / "numbers.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=panels.CSV_FIELDS, lineterminator="\n")
        writer.writeheader()
        for number in _all_numbers(app):
            writer.writerow(panels.csv_row(number))
    (outdir / "numbers.schema.json").write_text(NUMBERS_SCHEMA.read_text(encoding="utf-8"), encoding="utf-8")


def _init_env(app, env, docnames) -> None:
    for attribute in ("bb_numbers", "bb_uses", "bb_claims"):
        if not hasattr(env, attribute):
            setattr(env, attribute, {})
        for docname in docnames:
            getattr(env, attribute).pop(docname, None)


def _purge(app, env, docname) -> None:
    for attribute in ("bb_numbers", "bb_uses", "bb_claims"):
        getattr(env, attribute, {}).pop(docname, None)


def _merge(app, env, docnames, other) -> None:
    for attribute in ("bb_numbers", "bb_uses", "bb_claims"):
        mine = getattr(env, attribute, None)
        if mine is None:
            setattr(env, attribute, mine := {})
        for docname in docnames:
            if docname in getattr(other, attribute, {}):
                mine[docname] = getattr(other, attribute)[docname]


class BookCitation(Directive):
    """``{book-citation}``: how to cite this version of the book, from _config.yml (``about``)."""

    def run(self):
        from . import about

        env = self.state.document.settings.env
        book = about.load(Path(env.srcdir))
        authors = " and ".join(book.authors)
        quote = nodes.block_quote()
        quote += nodes.paragraph(
            "",
            "",
            nodes.Text(f"{authors}, "),
            nodes.emphasis("", f"{book.title}: an executable research book"),
            nodes.Text(
                f", version {book.version} (released {book.date_released}). Built from Pavlo Rad and Iaroslav "
                'Chornogor, "Ukraine-Belarus Relations in the Shadow of War" (SCEEUS, 2024) and Anna Maria Dyer, '
                '"Belarusian-Russian Cooperation During the War with Ukraine" (PISM, 2022).'
            ),
        )
        bibtex = (
            "@book{belarus_between_russia_and_ukraine,\n"
            f"  title     = {{{book.title}: an executable research book}},\n"
            f"  author    = {{{{{authors}}}}},\n"
            f"  version   = {{{book.version}}},\n"
            f"  year      = {{{book.date_released[:4]}}},\n"
            "  note      = {Every figure computed from the book's data package and checked by its tests}\n"
            "}"
        )
        block = nodes.literal_block(bibtex, bibtex, language="bibtex")
        licences = nodes.paragraph(
            "",
            f"The code is under the {book.license_code} licence and the data under {book.license_data} "
            "(LICENSE and LICENSE-DATA in the repository).",
        )
        return [quote, nodes.paragraph("", "In BibTeX:"), block, licences]


def setup(app):
    app.add_node(
        number_node,
        html=(visit_number_html, None),
        latex=(visit_number_latex, None),
        text=(visit_number_text, depart_number_text),
    )
    app.add_node(
        claim_node,
        html=(visit_claim_html, None),
        latex=(visit_claim_latex, None),
        text=(visit_number_text, depart_number_text),
    )
    app.add_role("claim", claim_role)
    app.connect("env-check-consistency", _every_claim_is_marked)
    app.connect("doctree-read", _link_glossary_terms)
    app.add_node(numbers_appendix)
    app.add_directive("numbers-appendix", NumbersAppendix)
    app.add_directive("book-citation", BookCitation)
    # MyST-NB (loaded before this extension) has registered the glue domain by now.
    app.add_role_to_domain("glue", "text", NumberTextRole(), override=True)
    app.connect("env-before-read-docs", _init_env)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("doctree-resolved", _fill_appendix)
    app.connect("html-page-context", _append_panels)
    app.connect("html-page-context", _claim_reviews)
    chart_marks.connect(app, _catalogue)  # charts inline on the website, each mark a way to its sources
    editions.connect(app)  # bb_edition, the title page, the reader's references to the audit edition's pages
    structured_data.connect(app, _catalogue)  # the data package's schema.org Dataset, on the sources page
    app.connect("build-finished", _write_numbers_csv)
    # Late priority: after every extension has added its scripts to the page.
    app.connect("html-page-context", _drop_repeated_scripts, priority=900)
    app.connect("html-page-context", _bibliography_role)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
