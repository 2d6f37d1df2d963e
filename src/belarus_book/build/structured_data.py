"""The Sphinx side of the data package's schema.org ``Dataset``: on the Sources and data page,
the block that ``render.dataset`` builds, with each CSV's address as the site serves it (Sphinx
copies a downloaded file to ``_downloads/<hash>/``, known only while the site is written)."""

from __future__ import annotations

import json
from pathlib import Path

from ..analysis import coverage
from ..data.provenance import plain
from ..render import dataset
from ..render.publish import DATED_BY

SOURCES_PAGE = "back/sources"


def _temporal(data) -> str:
    """From the first year the data describe to the month the account stops: '2009/2026-06'."""
    years = [
        int(str(text)[:4])
        for name, table in vars(data).items()
        if name not in coverage.REFERENCE_TABLES
        for column in DATED_BY
        if column in table.columns
        for text in table[column]
        if str(text)[:4].isdigit()
    ]
    return f"{min(years)}/{plain(coverage.cut_off(data))}"


def _dataset_block(app, pagename, templatename, context, doctree) -> None:
    if pagename != SOURCES_PAGE or doctree is None:
        return
    app.bb_load(app)  # the data package, loaded once per build by the book's extension
    package = json.loads((Path(app.srcdir) / "data" / "datapackage.json").read_text(encoding="utf-8"))
    downloads = {
        Path(source).name: context["pathto"](f"_downloads/{dest}", 1)
        for source, (_, dest) in app.env.dlfiles.items()
        if Path(source).parent.name == "data"
    }
    block = dataset.dataset(package, app.config.author or app.config.html_title, _temporal(app.bb_data), downloads)
    context["metatags"] = context.get("metatags", "") + "\n" + dataset.script(block)


def connect(app, load) -> None:
    """``load(app)`` sets ``app.bb_data``, the data package the book was built from."""
    app.bb_load = load
    app.connect("html-page-context", _dataset_block)
