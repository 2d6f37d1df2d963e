"""The glossary: every name and term of the book's list is defined, and each page links its first
use of a linked term to the glossary entry."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from belarus_book.build import glossary_links

from .test_seams import _pages, _text

TERMS = [
    "Lukashenka",
    "Tsikhanouskaya",
    "Halouchanka",
    "Khrenin",
    "Hajun",
    "Zelensky",
    "Mazyr",
    "Machulishchy",
    "ledger",
    "finding",
    "reproduced",
    "partly",
    "discrepancy",
    "claim only",
    "unconfirmed",
    "stored copy",
    "mirror statistics",
    "ratings",
]


def test_the_glossary_defines_every_term_on_the_list(built_project):
    page = built_project / "_build" / "html" / "back" / "glossary.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    defined = {dt.find(string=True, recursive=False).strip() for dt in soup.select("dl.glossary dt")}
    assert set(TERMS) <= defined, set(TERMS) - defined
    assert set(glossary_links.LINKED_TERMS) <= defined


def test_each_page_links_its_first_use_of_every_linked_term(built_project):
    first_paragraph: dict[tuple[str, str], object] = {}
    for page, paragraph in _pages(built_project):
        if not page.startswith("chapters/"):
            continue
        for badge in paragraph.select("a.bb-claim"):  # a verdict badge is not prose
            badge.decompose()
        text = _text(paragraph)
        for term in glossary_links.LINKED_TERMS:
            if (page, term) not in first_paragraph and re.search(rf"\b{re.escape(term)}\b", text):
                first_paragraph[(page, term)] = paragraph
    assert len(first_paragraph) > 20
    unlinked = []
    for (page, term), paragraph in first_paragraph.items():
        links = [a for a in paragraph.select("a[href*='glossary.html#term-']") if a.get_text(strip=True) == term]
        if not links:
            unlinked.append((page, term, _text(paragraph)[:100]))
    assert unlinked == []


def test_a_first_use_is_linked_once_and_titles_are_left_alone():
    from docutils import nodes
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document
    from sphinx import addnodes

    document = new_document("<test>", get_default_settings(Parser))
    section = nodes.section()
    section += nodes.title("", "Lukashenka")
    section += nodes.paragraph("", "Lukashenka met Putin; Lukashenka spoke.")
    document += section
    assert glossary_links.link_first_uses(document, "chapters/x") == ["Lukashenka"]
    references = list(document.findall(addnodes.pending_xref))
    assert len(references) == 1 and references[0]["reftarget"] == "lukashenka"
    assert document.next_node(nodes.title).astext() == "Lukashenka"
