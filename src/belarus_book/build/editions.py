"""The book's editions, built from one execution cache.

- The audit edition (``book-audit.pdf``, and the HTML) is the whole book: every number in the
  prose links to its entry in the appendix of numbers, and the data dictionary is printed.
- The reader's edition (``book.pdf`` and ``book.epub``) is the book a reader reads: the key
  findings, the four parts, the fact-check, methods, corrections, the glossary, the
  bibliography and how to cite. It leaves out the appendix of numbers and the list of sources
  with its data dictionary (the bibliography lists the sources once); its numbers are text.

This module writes the reader's table of contents and configuration beside the build; the
book's Sphinx extension reads ``bb_edition`` from that configuration.
"""

from __future__ import annotations

import fnmatch
import posixpath
import re
import shutil
import subprocess
from pathlib import Path

import yaml
from docutils import nodes
from sphinx.builders.epub3 import Epub3Builder

from ..render import escape, formatting
from . import about, toc_captions
from .publishing import BuildError

AUDIT = "audit"
READER = "reader"
# The pages only the audit edition prints.
AUDIT_ONLY_PAGES = ("back/numbers", "back/sources")
EPUBCHECK = "/usr/share/java/epubcheck.jar"  # Debian's epubcheck package
# What the build publishes beside the HTML, and what each file is.
PUBLISHED = {
    "book.pdf": "The reader's PDF",
    "book-audit.pdf": "The audit PDF",
    "book.epub": "The EPUB",
}


def reader_toc(root: Path) -> dict:
    """``_toc.yml`` without the audit edition's own pages."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))

    def prune(node: dict) -> None:
        for key in ("parts", "chapters", "sections"):
            if key in node:
                node[key] = [child for child in node[key] if child.get("file") not in AUDIT_ONLY_PAGES]
                for child in node[key]:
                    prune(child)

    prune(toc)
    return toc


def write_reader_inputs(root: Path, folder: Path) -> tuple[Path, Path]:
    """The reader's ``_config.yml`` and ``_toc.yml``, written into ``folder``: the book's own,
    with the edition named and the audit edition's pages left out. Paths in the configuration
    stay relative to the project root, where the build runs."""
    folder.mkdir(parents=True, exist_ok=True)
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    sphinx = config.setdefault("sphinx", {}).setdefault("config", {})
    sphinx["bb_edition"] = READER
    sphinx["nb_remove_code_source"] = True  # the reader's edition shows what the code computed, not the code
    sphinx["epub_basename"] = "book"
    # Jupyter Book's tables of contents are hidden toctrees: the EPUB's navigation must include them.
    sphinx["epub_tocscope"] = "includehidden"
    sphinx["epub_tocdepth"] = 2
    # The EPUB's own metadata (Jupyter Book leaves Sphinx's project unset).
    sphinx["epub_title"] = config["title"]
    sphinx["epub_author"] = sphinx["epub_publisher"] = config["author"]
    sphinx["epub_copyright"] = str(config.get("copyright", ""))
    # The identifier, and the navigation file's, which must be the same (an XML name, too).
    sphinx["epub_identifier"] = sphinx["epub_uid"] = f"belarus-book-{config['book']['version']}"
    # No index: its entries are Sphinx's own (none is written for the reader).
    sphinx.setdefault("latex_elements", {})["printindex"] = ""
    config_path, toc_path = folder / "_config.yml", folder / "_toc.yml"
    config_path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    toc_path.write_text(yaml.safe_dump(reader_toc(root), sort_keys=False, allow_unicode=True), encoding="utf-8")
    return config_path, toc_path


def build_all(root: Path, work: Path, built_html: Path, run_jupyter_book) -> None:
    """The audit PDF, the reader's PDF and the reader's EPUB, each strict, copied into
    ``built_html``; the EPUB only if EPUBCheck finds no error in it."""
    run_jupyter_book(root, work, "pdflatex")
    _publish(work / "_build" / "latex" / "book.pdf", built_html / "book-audit.pdf")
    reader = work / "reader"
    config, toc = write_reader_inputs(root, reader / "inputs")
    options = ("--config", str(config), "--toc", str(toc))
    run_jupyter_book(root, reader, "pdflatex", options)
    _publish(reader / "_build" / "latex" / "book.pdf", built_html / "book.pdf")
    run_jupyter_book(root, reader, "custom", (*options, "--custom-builder", "epub"), log_name="epub")
    epub = reader / "_build" / "epub" / "book.epub"
    _require(epub)
    check_epub(epub)
    _publish(epub, built_html / "book.epub")


def check_epub(epub: Path) -> None:
    """EPUBCheck's verdict on ``epub``: any error or fatal message stops the build, quoted."""
    # Debian's epubcheck command is the jar itself, run through binfmt_misc, which containers
    # often lack: the jar is run with java instead.
    result = subprocess.run(["java", "-jar", EPUBCHECK, "--quiet", str(epub)], capture_output=True, text=True)
    if result.returncode != 0:
        messages = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
        raise BuildError("EPUBCheck rejected the EPUB:\n" + "\n".join(f"  - {line}" for line in messages[:20]))


def _require(built: Path) -> None:
    if not built.is_file():
        raise BuildError(f"the build produced no {built}")


def _publish(built: Path, published: Path) -> None:
    _require(built)
    shutil.copy2(built, published)


_LABEL = re.compile(r"^\(([\w-]+)\)=\s*\n# (.+)$", re.MULTILINE)


def audit_only_labels(root: Path) -> dict[str, str]:
    """The labels of the audit edition's own pages, with the title each heads: a reference to
    one of them reads, in the reader's edition, as the title and the edition that has it."""
    labels = {}
    for page in AUDIT_ONLY_PAGES:
        for label, title in _LABEL.findall((root / f"{page}.md").read_text(encoding="utf-8")):
            labels[label] = title.strip()
    return labels


# --- in Sphinx (connected by the book's extension) ------------------------------------------


def connect(app) -> None:
    app.add_config_value("bb_edition", AUDIT, "env")
    app.connect("config-inited", _title_page)
    app.connect("missing-reference", _reference_to_audit_page)
    app.add_builder(BookEpubBuilder, override=True)
    # Last: after every handler that adds scripts or styles to the page.
    app.connect("html-page-context", _epub_page, priority=990)


class BookEpubBuilder(Epub3Builder):
    """Sphinx's EPUB 3 builder, for a book whose root page is in a folder: Sphinx prefixes the
    root's folder to every entry of the table of contents (``chapters/../back/cite.xhtml``), which
    names no file of the EPUB's manifest. The entries are normalised, and what only the website
    uses is left out."""

    def get_toc(self) -> None:
        super().get_toc()
        for item in self.refnodes:
            item["refuri"] = posixpath.normpath(item["refuri"])

    def build_content(self) -> None:
        """The manifest, without what only the website uses."""
        for pattern in WEBSITE_ONLY:
            for path in Path(self.outdir).glob(pattern):
                path.unlink()
        super().build_content()


# What only the website uses: the tab icon (no EPUB media type), Jupyter Book's redirect page, and
# stylesheets that EPUBCheck's CSS parser rejects (selectors such as :has()) and no page links.
WEBSITE_ONLY = ("favicon.ico", "_static/favicon.ico", "index.html", "_static/print.css", "_static/mystnb.*.css")


_STYLE = re.compile(r"<style[^>]*>.*?</style>", re.DOTALL)
_SCRIPT = re.compile(r"<script[^>]*>.*?</script>", re.DOTALL)


def _epub_page(app, pagename, templatename, context, doctree) -> None:
    """An EPUB page is a document, not an application: no scripts (the website's popovers,
    search and structured data), and the tables' styles, which pandas writes into the body, moved
    into the head, the only place XHTML allows them. MyST-NB's stylesheet, which it writes for the
    website only, and the website's print styles are not linked."""
    if app.builder.name != "epub":
        return
    context["script_files"] = []
    context["metatags"] = _SCRIPT.sub("", context.get("metatags", ""))
    body = context.get("body", "")
    styles = _STYLE.findall(body)
    context["body"] = _SCRIPT.sub("", _STYLE.sub("", body))
    context["metatags"] += "\n".join(styles)
    context["css_files"] = [
        css for css in context.get("css_files", []) if not _website_only(str(getattr(css, "filename", css)))
    ]


def _website_only(uri: str) -> bool:
    """Whether a stylesheet the page links (``_static/print.css``, perhaps with a ``?v=`` query or
    relative to the page) is one the EPUB leaves out."""
    path = uri.split("?", 1)[0]
    return any(fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(path, "*/" + pattern) for pattern in WEBSITE_ONLY)


def _title_page(app, config) -> None:
    """The PDFs' title page and the HTML show the book's version and release date, read from
    _config.yml's book block; the page after it, the abstract and what this edition holds."""
    book = about.load(Path(app.srcdir))
    config.version = config.release = book.version
    config.today = str(formatting.date(book.date_released))  # the release's date, not the build's
    config.latex_elements["maketitle"] = "\\sphinxmaketitle\n" + abstract_latex(
        toc_captions.fill(book.abstract, Path(app.srcdir)), config.bb_edition
    )


def abstract_latex(abstract: str, edition: str) -> str:
    """The abstract, and what this edition holds, on the page after the PDF's title page."""
    holds = (
        "This is the reader's edition. The audit edition adds the appendix that gives every number's "
        "derivation, records and sources, and the data dictionary."
        if edition == READER
        else "This is the audit edition: every number in the text links to its entry in the appendix that "
        "gives its derivation, records and sources."
    )
    return (
        "\\begin{center}\\begin{minipage}{0.8\\textwidth}\\small{\\normalsize\\bfseries Abstract}\\par\\smallskip "
        f"{escape.latex(abstract)}\\par\\medskip {escape.latex(holds)}\\end{{minipage}}\\end{{center}}\\clearpage\n"
    )


def is_reader(builder) -> bool:
    return builder.config.bb_edition == READER


def _reference_to_audit_page(app, env, node, contnode):
    """In the reader's edition, a reference to a page only the audit edition prints reads as that
    page's title and where to find it; any other missing reference stays an error."""
    if app.config.bb_edition != READER or node.get("reftype") not in ("ref", "doc"):
        return None
    if not hasattr(app, "bb_audit_only_labels"):
        app.bb_audit_only_labels = audit_only_labels(Path(app.srcdir))
    title = app.bb_audit_only_labels.get(node.get("reftarget"))
    if title is None:
        return None
    text = contnode.astext() if node.get("refexplicit") else f"“{title}” (in the audit edition)"
    return nodes.inline("", text)
