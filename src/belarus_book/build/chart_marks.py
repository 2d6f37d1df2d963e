"""Charts whose marks open their sources, on the website.

A chart published with marks (``render.charts.marks``) has, beside its download, a copy of its SVG
in which each mark drawn from data is a link. On the website's pages that copy replaces the chart's
image, inline, so that its links work (an SVG shown by ``<img>`` has dead links): each mark gets an
accessible name (what it shows, its source and the source's rating) and opens a panel built like a
number's, with the record's source and the source's own words. Without JavaScript a mark leads to
the same words in a list under the chart. The PDFs and the EPUB keep the image.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from docutils import nodes
from myst_nb.ext.glue.directives import PasteFigureDirective

from ..render import escape, panels
from . import editions

FIGURE_DATA = Path("chapters") / "_figure_data"
NAMED_SOURCES = 3


class ChartFigure(PasteFigureDirective):
    """MyST-NB's ``glue:figure``, remembering which chart it shows."""

    def run(self):
        result = super().run()
        for node in result:
            if isinstance(node, nodes.figure):
                node["bb_chart"] = self.arguments[0]
        return result


def connect(app, catalogue_of) -> None:
    """``catalogue_of(app)`` gives the data's rows, sources and quotes (``panels.Catalogue``)."""
    app.bb_catalogue_of = catalogue_of
    app.add_directive_to_domain("glue", "figure", ChartFigure, override=True)
    app.connect("doctree-resolved", _inline_charts)


def _website(builder) -> bool:
    return builder.format == "html" and builder.name != "epub" and not editions.is_reader(builder)


def _inline_charts(app, doctree, docname) -> None:
    if not _website(app.builder):
        return
    folder = Path(app.srcdir) / FIGURE_DATA
    for figure in list(doctree.findall(nodes.figure)):
        name = figure.get("bb_chart")
        described = _described(folder, name) if name else {}
        images = list(figure.findall(nodes.image))
        if not described.get("marks") or not images:
            continue
        catalogue = app.bb_catalogue_of(app)
        resolved = [_resolve(catalogue, docname, mark) for mark in described["marks"]]
        svg = (folder / f"{name}.marks.svg").read_text(encoding="utf-8")
        images[0].replace_self(nodes.raw("", chart_html(svg, images[0].get("alt", ""), resolved), format="html"))
        page_panels = app.builder.__dict__.setdefault("bb_panels", {}).setdefault(docname, [])
        for mark, number in resolved:
            page_panels.append(
                panels.panel_html(catalogue, number, f"panel-{mark['id']}", f"#{mark['id']}", "This mark's sources")
            )


def _described(folder: Path, name: str) -> dict:
    path = folder / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def _resolve(catalogue, docname: str, mark: dict) -> tuple[dict, dict]:
    """The mark as a number's panel sees it: the records it shows, with their sources and quotes; and
    its accessible name, 'what it shows; publisher; rated colour'."""
    records = []
    for record_id in mark["record_ids"]:
        resource = catalogue.resource_of.get(record_id)
        if resource is None:
            raise ValueError(f"a chart's mark shows {record_id!r}, which no table of data/ holds")
        value = catalogue.rows[(resource, record_id)].get(mark["field"], "")
        records.append({"resource": resource, "record_id": record_id, "field": mark["field"], "value": str(value)})
    payload = {
        "records": records,
        "text": mark["label"],
        "value": records[0]["value"] if len(records) == 1 else mark["label"],
        "unit": "",
        "derivation": f"the {mark['field']} of {', '.join(mark['record_ids'])}, as drawn",
    }
    number = catalogue.resolve(docname, mark["id"], payload)
    names = []
    for source_id in number["source_ids"]:
        source = catalogue.source(source_id)
        rating = str(source.get("reliability") or "")
        names.append(f"{source.get('publisher') or source_id}" + (f"; rated {rating}" if rating else ""))
    names = list(dict.fromkeys(names))
    if len(names) > NAMED_SOURCES:  # a name to be heard, not a bibliography: the panel lists them all
        names = [*names[:NAMED_SOURCES], f"and {len(names) - NAMED_SOURCES} more sources"]
    lead = panels.lead_sentence(catalogue, number)
    return {**mark, "name": "; ".join([mark["label"], *names]), "lead": lead}, number


_PROLOGUE = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)
_SIZE = re.compile(r'<svg\b([^>]*?) width="[^"]*" height="[^"]*"')


def chart_html(svg: str, alt: str, resolved: list[tuple[dict, dict]]) -> str:
    """The chart inline: one group named by its alt text, whose marks are links with names (the
    first one in the Tab order, the others reached by the arrow keys: ``_static/charts.js``), and
    under it the list the marks lead to without JavaScript."""
    svg = _SIZE.sub(r"<svg\1", _PROLOGUE.sub("", svg), count=1)
    svg = svg.replace("<svg ", f'<svg class="bb-chart" role="group" aria-label="{escape.html(alt)}" ', 1)
    for position, (mark, _) in enumerate(resolved):
        anchor = f'<a xlink:href="#{mark["id"]}">'
        if anchor not in svg:
            raise ValueError(f"the chart's SVG has no link for {mark['id']}")
        svg = svg.replace(
            anchor,
            f'<a href="#{mark["id"]}" xlink:href="#{mark["id"]}" class="bb-mark" data-panel="panel-{mark["id"]}" '
            f'aria-label="{escape.html(mark["name"])}" tabindex="{0 if position == 0 else -1}">',
            1,
        )
    items = "".join(
        f'<li id="{mark["id"]}"><strong>{escape.html(mark["label"])}</strong>. {escape.html(mark["lead"])}</li>'
        for mark, _ in resolved
    )
    return (
        f'<div class="bb-chart-frame">{svg}</div>'
        f'<details class="bb-marks"><summary>Where each mark comes from</summary><ol>{items}</ol></details>'
    )
