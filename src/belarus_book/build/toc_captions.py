"""Part captions that state a computed fact: ``{cut_off}`` in a caption of ``_toc.yml`` (or in the
abstract of ``_config.yml``) becomes the month the book's sources reach (``analysis.coverage``), so
that Part IV's title says where its account stops, in the sidebar, the page headings and the PDF's
part pages alike.

The captions are rewritten in the parsed table of contents, right after sphinx-external-toc reads
``_toc.yml`` and before any page is read, so every builder sees the same title.
"""

from __future__ import annotations

from pathlib import Path

from ..analysis import coverage
from ..data import datapackage
from ..render.formatting import month

PLACEHOLDER = "{cut_off}"


def fill_captions(app, config) -> None:
    site_map = getattr(config, "external_site_map", None)
    if site_map is None:
        return
    captions = [t for name in site_map for t in site_map[name].subtrees if t.caption and PLACEHOLDER in t.caption]
    if not captions:
        return
    for toctree in captions:
        toctree.caption = fill(toctree.caption, Path(app.srcdir))


def fill(text: str, root: Path) -> str:
    """``text`` with ``{cut_off}`` replaced by the month the data of the project at ``root`` reach."""
    if PLACEHOLDER not in text:
        return text
    return text.replace(PLACEHOLDER, month(coverage.cut_off(datapackage.load(root / "data"))))


def setup(app):
    # sphinx-external-toc parses _toc.yml at priority 900.
    app.connect("config-inited", fill_captions, priority=950)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
