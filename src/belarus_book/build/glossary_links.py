"""Each page links its first use of every glossary term to the glossary (back/glossary.md).

Authors write the names and terms plainly; when a page is read, the first occurrence of each
term in its running text (not in a title, a link, code, a generated number or a badge) becomes a
``{term}`` reference, which Sphinx resolves to the glossary entry in the HTML and the PDF alike.
Only the terms below are linked: words such as "partly" or "finding" are also ordinary English,
and their glossary entries are reached from the fact-check instead.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx import addnodes

GLOSSARY = "back/glossary"
LINKED_TERMS = [
    "Lukashenka",
    "Tsikhanouskaya",
    "Halouchanka",
    "Khrenin",
    "Hajun",
    "Mazyr",
    "Machulishchy",
    "mirror statistics",
    "claim only",
    "unconfirmed",
    "stored copy",
    "ledger",
]
_PATTERN = re.compile(r"\b(" + "|".join(re.escape(t) for t in LINKED_TERMS) + r")\b")
# Text inside these is not running prose, or is already a link.
_SKIP = (
    nodes.title,
    nodes.subtitle,
    nodes.reference,
    nodes.literal,
    nodes.literal_block,
    nodes.raw,
    nodes.target,
    nodes.term,
    nodes.caption,
    nodes.table,
    addnodes.pending_xref,
    addnodes.glossary,
    addnodes.download_reference,
)


def _skipped(node: nodes.Node, skip_classes: tuple) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, _SKIP + skip_classes):
            return True
        parent = parent.parent
    return False


def link_first_uses(doctree: nodes.document, docname: str, skip_classes: tuple = ()) -> list[str]:
    """Turn the first occurrence of each linked term in ``doctree`` into a term reference; return
    the terms linked."""
    if docname == GLOSSARY:
        return []
    seen: set[str] = set()
    for text in list(doctree.findall(nodes.Text)):
        if not isinstance(text.parent, nodes.paragraph | nodes.inline | nodes.emphasis | nodes.strong):
            continue
        if _skipped(text, skip_classes):
            continue
        source = str(text)
        pieces, last = [], 0
        for match in _PATTERN.finditer(source):
            term = match.group(1)
            if term in seen:
                continue
            seen.add(term)
            pieces.append(nodes.Text(source[last : match.start()]))
            reference = addnodes.pending_xref(
                "",
                refdomain="std",
                reftype="term",
                reftarget=term.lower(),
                refexplicit=True,
                refwarn=True,
                refdoc=docname,
            )
            reference += nodes.inline(term, term, classes=["xref", "std", "std-term"])
            pieces.append(reference)
            last = match.end()
        if pieces:
            pieces.append(nodes.Text(source[last:]))
            text.parent.replace(text, [p for p in pieces if not isinstance(p, nodes.Text) or str(p)])
    return sorted(seen)
