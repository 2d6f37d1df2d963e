"""Marks that carry provenance (#27): on the website a chart whose marks carry their records is
inline SVG, each mark a named link to a panel with its record's source and words, the chart one
Tab stop whose marks the arrow keys visit; the marks are the chart's rows, one for one."""

from __future__ import annotations

import json
import re
from urllib.parse import urlparse

import pandas as pd
from bs4 import BeautifulSoup

from belarus_book.build import chart_marks
from belarus_book.render import panels

from .conftest import watch_for_problems

ID_COLUMNS = ("record_id", "record_ids", "event_id", "package_id", "place_id")
# The maps stay images: a place's record is its coordinates, whose sources' words are gazetteer
# entries, not a reader's sentence; the places and their sources are listed in the data appendix.
MAPS = ("fig_mil_map", "fig_sec2_map")


def _charts(built_project):
    return sorted(p.stem for p in (built_project / chart_marks.FIGURE_DATA).glob("fig_*.json") if p.stem not in MAPS)


def _described(built_project, name):
    return json.loads((built_project / chart_marks.FIGURE_DATA / f"{name}.json").read_text(encoding="utf-8"))


def test_the_marks_are_the_charts_rows_one_for_one(built_project):
    """Every chart's marks show the rows of its downloadable data, each row in a mark and no mark
    outside them; a mark computed from several rows (a derived bar, a count of verdicts) names them all."""
    charts = _charts(built_project)
    assert len(charts) >= 25, charts
    for name in charts:
        marks = _described(built_project, name).get("marks")
        assert marks, name
        rows = pd.read_csv(built_project / chart_marks.FIGURE_DATA / f"{name}.csv", dtype=str)
        ids = {i for c in ID_COLUMNS if c in rows.columns for v in rows[c].dropna() for i in v.split()}
        assert {i for m in marks for i in m["record_ids"]} == ids, name
        assert len({m["id"] for m in marks}) == len(marks), name
        assert all(m["label"] and not re.search(r"\b(None|nan)\b", m["label"]) for m in marks), name


def test_every_chart_on_the_website_is_inline(built_project):
    html = built_project / "_build" / "html"
    charts = 0
    for page in sorted(html.glob("*/*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        images = [f for f in soup.select("article figure") if f.select("img")]
        assert all(f.get("id", "").replace("-", "_") in MAPS for f in images), page.name
        charts += len(soup.select("article svg.bb-chart"))
    assert charts >= len(_charts(built_project)), charts


def test_each_mark_is_a_named_link_to_its_sources_words(built_project):
    html = built_project / "_build" / "html" / "chapters"
    found = set()
    for page in sorted(html.glob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for svg in soup.select("article svg.bb-chart"):
            assert len(svg.get("aria-label", "")) > 40, page.name  # the chart's alt text names the group
            marks = svg.select("a.bb-mark")
            assert marks, page.name
            # One Tab stop per chart: the first mark; the arrow keys reach the others.
            assert [m["tabindex"] for m in marks] == ["0"] + ["-1"] * (len(marks) - 1), page.name
            for mark in marks:
                name = mark["aria-label"]
                assert "; rated " in name and not re.search(r"\b(None|nan)\b", name), (page.name, name)
                panel = soup.find(id=mark["data-panel"])
                assert panel is not None and "bb-panel" in panel["class"], (page.name, mark["data-panel"])
                assert panel.select("ul.bb-sources li"), (page.name, mark["data-panel"])
                lead = panel.select_one(".bb-panel-lead").get_text()
                # One record's mark quotes its source's own words; a computed one names its sources.
                assert "\u201c" in lead or lead.startswith("Computed by the book from "), (page.name, lead)
                # Without JavaScript the mark leads to the same words under the chart.
                target = soup.find(id=urlparse(mark["href"]).fragment)
                assert target is not None and target.find_parent("details", class_="bb-marks"), mark["href"]
                assert lead in target.get_text(), mark["href"]
            found.add(page.name)
    assert len(found) >= 4, found


def test_a_chart_with_marks_is_not_also_an_image(built_project):
    html = built_project / "_build" / "html" / "chapters"
    soup = BeautifulSoup((html / "pism_military.html").read_text(encoding="utf-8"), "html.parser")
    figure = soup.find(id="fig-mil-timeline") or soup.select_one("figure:has(svg.bb-chart)")
    assert figure is not None and figure.select_one("svg.bb-chart") and not figure.select("img")


def test_the_chart_html_refuses_a_mark_its_svg_does_not_link():
    svg = (
        '<?xml version="1.0"?>\n'
        '<svg width="10pt" height="10pt" viewBox="0 0 10 10"><a xlink:href="#mark-a-1"></a></svg>'
    )
    mark = {"id": "mark-a-2", "label": "x", "name": "x; P; rated green", "lead": "P: \u201cx\u201d."}
    try:
        chart_marks.chart_html(svg, "a chart", [(mark, {})])
    except ValueError as error:
        assert "mark-a-2" in str(error)
    else:
        raise AssertionError("a mark without its link was accepted")
    html = chart_marks.chart_html(svg, "a chart", [({**mark, "id": "mark-a-1"}, {})])
    assert html.startswith('<div class="bb-chart-frame"><svg class="bb-chart"') and 'width="10pt"' not in html
    assert panels.escape.html("x; P; rated green") in html


def test_a_charts_marks_are_reached_and_opened_from_the_keyboard(site, browser):
    """Tab reaches the chart's first mark; the arrow keys move to the next and back; Enter opens
    its panel, Escape closes it and focus returns to the mark; no serious or critical axe violation
    with the panel open; no console error and no request to another host."""
    from axe_playwright_python.sync_playwright import Axe

    base, _ = site
    page = browser.new_page()
    problems = watch_for_problems(page)
    page.goto(f"{base}/chapters/pism_military.html", wait_until="networkidle")
    marks = page.locator("article svg.bb-chart a.bb-mark")
    assert marks.count() > 3
    first_name = marks.nth(0).get_attribute("aria-label")
    reached = False
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('aria-label')") == first_name:
            reached = True
            break
    assert reached, "Tab never reached the chart"
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == marks.nth(1).get_attribute(
        "aria-label"
    )
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowRight")
    panel_id = marks.nth(1).get_attribute("data-panel")
    is_open = f"document.getElementById('{panel_id}').matches(':popover-open')"
    page.keyboard.press("Enter")
    page.wait_for_function(is_open)
    assert page.evaluate("document.activeElement.id") == panel_id
    assert page.locator(f"#{panel_id}").inner_text().startswith("Where ")
    before_axe = len(problems)
    violations = Axe().run(page).response["violations"]
    del problems[before_axe:]  # axe-core fetches the theme's stylesheets itself
    assert [(v["id"], v["impact"]) for v in violations if v["impact"] in ("serious", "critical")] == []
    page.keyboard.press("Escape")
    page.wait_for_function(f"!{is_open}")
    assert page.evaluate("document.activeElement.getAttribute('data-panel')") == panel_id
    assert problems == []
    page.close()
