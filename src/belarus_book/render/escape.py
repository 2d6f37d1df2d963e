"""One escaping rule per output, applied wherever text from ``data/`` meets a format: the data
never decide markup.

- ``html``: for HTML the book writes itself (panels, tables, the appendix);
- ``markdown``: for MyST Markdown a page displays (a title or a description from the data);
- ``latex``: for the LaTeX the book's extension writes (the PDF's numbers and appendix);
- ``bibtex``: for the bibliography's fields, which pybtex reads for the HTML and the PDF alike;
- chart text is literal by the chart style (``charts.style.apply_style`` turns mathtext off), so
  that a ``$`` in a title is a dollar sign, never the start of a formula.
"""

from __future__ import annotations

import html as _html
import re
import string
from typing import Any

# CommonMark lets any ASCII punctuation be escaped with a backslash, and MyST follows it: escaping
# all of it leaves no link, image, raw HTML, role, directive, math or emphasis to the data.
_MARKDOWN_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
_CJK = re.compile(r"([\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]+)")


def html(text: Any) -> str:
    """Text as HTML text or attribute value: ``<``, ``>``, ``&`` and both quote marks escaped."""
    return _html.escape(str(text), quote=True)


def markdown(text: Any) -> str:
    """Text as MyST Markdown that renders as exactly that text, on one line."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", re.sub(r"\s*\n\s*", " ", str(text)))


def latex(text: Any) -> str:
    """Text escaped for XeLaTeX; runs of Chinese or Japanese set in the CJK font the preamble names."""
    from sphinx.util.texescape import escape as tex_escape

    def cjk(run: re.Match) -> str:  # a line may break between any two characters, as in the script itself
        return "{\\bbcjk " + "\\allowbreak{}".join(run.group(1)) + "}"

    return _CJK.sub(cjk, tex_escape(str(text), latex_engine="xelatex"))


# pybtex reads a field's text literally but for these (and braces, which the schema forbids in
# the fields the bibliography reads): a percent sign starts a comment that cuts the field, a tilde
# is a no-break space, a backslash starts a command. A LaTeX escape of any other character would print
# its backslash on the page.
_PYBTEX_SPECIALS = {"\\": r"\textbackslash{}", "%": r"\%", "~": r"\textasciitilde{}"}


def bibtex(text: Any) -> str:
    """Text for a BibTeX field that sphinxcontrib-bibtex (pybtex) prints back as exactly that text."""
    return "".join(_PYBTEX_SPECIALS.get(character, character) for character in str(text))
