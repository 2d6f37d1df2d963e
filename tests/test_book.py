"""The strictly built book: every glued value rendered as formatted, figures numbered and captioned."""

from __future__ import annotations

import ast
import os
import re
import shutil

import nbformat
import pytest
from bs4 import BeautifulSoup
from nbclient import NotebookClient

from belarus_book.build import book as build
from belarus_book.data import paths
from belarus_book.render.formatting import count
from belarus_book.render.ledger import checked_ledger

from .conftest import copy_project, edit_cell_in, run_build

GLUE_ROLE = re.compile(r"\{glue:text\}`([^`]+)`")
GLUE_FIGURE = re.compile(r"^```\{glue:figure\} (\S+)\n((?::\w+:.*\n)+)", re.M)
# Every page of the book that runs code: the chapters and the computed appendices.
CHAPTERS = build.notebook_pages(paths.PROJECT_ROOT)
# The corrections page shows the releases' changelog: a log, not computed numbers or charts.
COMPUTED = [page for page in CHAPTERS if page.stem != "corrections"]


def html_of(root, chapter):
    return root / "_build" / "html" / chapter.relative_to(paths.PROJECT_ROOT).with_suffix(".html")


def execute_notebook(notebook_path, root):
    """Run a downloadable chapter notebook as a reader would: a fresh kernel, the chapter's folder
    as working directory, the project's package importable. Return what it glued."""
    notebook = nbformat.read(notebook_path, as_version=4)
    os.environ["PYTHONPATH"] = str(root / "src")
    workdir = notebook_path.parent.parent
    NotebookClient(
        notebook, kernel_name="python3", timeout=300, resources={"metadata": {"path": str(workdir)}}
    ).execute()
    glued = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            if name and "application/papermill.record/text/plain" in output["data"]:
                glued[name] = output["data"]["application/papermill.record/text/plain"]
    return glued


@pytest.fixture(scope="session")
def glued_values(built_project):
    """Every page's downloadable notebook, executed standalone with nbclient (not through the book build)."""
    values = {}
    for page in CHAPTERS:
        notebook = built_project / page.relative_to(paths.PROJECT_ROOT).parent / "_notebooks" / f"{page.stem}.ipynb"
        values[page.stem] = execute_notebook(notebook, built_project)
    return values


def test_every_page_that_runs_code_is_tested():
    names = {p.stem for p in CHAPTERS}
    assert {"economy", "security", "pism_consequences", "synthesis", "fact_check", "sources"} <= names


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_each_page_offers_its_notebook_for_download(built_project, chapter):
    html = html_of(built_project, chapter)
    links = [a for a in article(html).select("a.download") if a["href"].endswith(f"{chapter.stem}.ipynb")]
    assert len(links) == 1
    assert (html.parent / links[0]["href"]).resolve().is_file()


def article(html_path):
    return BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser").find("article")


@pytest.mark.parametrize("chapter", COMPUTED, ids=lambda p: p.stem)
def test_every_glued_value_appears_as_formatted_in_order(built_project, glued_values, chapter):
    keys = GLUE_ROLE.findall(chapter.read_text(encoding="utf-8"))
    assert keys, "a chapter without glued numbers"
    values = glued_values[chapter.stem]
    missing = sorted(set(keys) - set(values))
    assert not missing, f"keys used in the prose but never glued: {missing}"
    expected = [ast.literal_eval(values[key]) for key in keys]
    rendered = [span.get_text() for span in article(html_of(built_project, chapter)).select("span.pasted-text")]
    assert rendered == expected
    assert all(text.strip() for text in rendered)


@pytest.mark.parametrize("chapter", COMPUTED, ids=lambda p: p.stem)
def test_figures_are_numbered_captioned_sourced_and_described(built_project, chapter):
    figures = GLUE_FIGURE.findall(chapter.read_text(encoding="utf-8"))
    html = html_of(built_project, chapter)
    page = article(html)
    # Every chapter shows something drawn from data: a figure, or else a table.
    assert figures or page.select("table"), "a chapter with neither figure nor table"
    rendered = page.select("figure")
    assert len(rendered) == len(figures)
    for (key, options), figure in zip(figures, rendered, strict=True):
        alt = re.search(r"^:alt: (.+)$", options, re.M).group(1)
        name = re.search(r"^:name: (.+)$", options, re.M).group(1)
        assert figure.get("id") == name
        chart = figure.select_one("svg.bb-chart")  # a chart whose marks carry their records, inline
        if chart is not None:
            assert chart["aria-label"] == alt and len(alt) > 80 and not figure.find("img")
            assert len(chart.select("a.bb-mark")) >= 3
        else:
            image = figure.find("img")
            assert image["alt"] == alt and len(alt) > 80
            assert (html.parent / image["src"]).resolve().stat().st_size > 10_000
        caption = figure.find("figcaption").get_text(" ", strip=True)
        assert re.match(r"Figure \d+\.\d+", caption), caption
        assert "Sources:" in caption
        # The data the chart was drawn from can be downloaded, and carries each row's source.
        # Its data, its image and its metadata; the data carry each row's source.
        links = figure.find("figcaption").select("a.download")
        assert sorted(link["href"].rsplit(".", 1)[-1] for link in links) == ["csv", "json", "svg"]
        (link,) = [link for link in links if link["href"].endswith(".csv")]
        download = (html.parent / link["href"]).resolve()
        assert download.is_file() and download.suffix == ".csv" and key in download.name
        header = download.read_text(encoding="utf-8").splitlines()[0].split(",")
        assert "source_id" in header


def _trim(number: float) -> str:
    text = f"{number:.1f}"
    return text[:-2] if text.endswith(".0") else text


def test_numbers_match_an_independent_recomputation(built_project):
    """Recompute a few figures straight from the CSV, without the package, and find them in the page."""
    import csv

    with open(built_project / "data" / "trade_flows.csv", encoding="utf-8") as handle:
        rows = {row["record_id"]: row for row in csv.DictReader(handle)}
    bn = {key: float(row["value"]) * (1000 if row["unit"] == "USD billion" else 1) for key, row in rows.items()}
    text = article(built_project / "_build" / "html" / "chapters" / "economy.html").get_text(" ")
    # Percentages resting on rounded figures are shown to whole points, as the prose gives them.
    expected = [
        f"${_trim(bn['TF-18'] - bn['TF-25'])} million",  # mirror gap, Belarus vs Ukraine exports 2021
        f"{round(100 * (bn['TF-18'] - bn['TF-25']) / bn['TF-18'])}%",
        f"{round(100 * (1 - bn['TF-30'] / (bn['TF-28'] + bn['TF-29'])))}%",  # fall against the commentary's 2021
        f"{round(100 * (1 - bn['TF-32'] / bn['TF-28']))}%",
        f"${_trim(bn['TF-30'] - bn['TF-31'])} million",  # exports implied by the commentary's own totals
        f"{round(100 * bn['TF-33'] / bn['TF-27'])}%",  # February's share of 2022
    ]
    for number in expected:
        assert number in text, number


def test_build_is_strict_and_atomic(built_project, tmp_path):
    """A missing glue key or a failing cell fails the build and leaves the last good book in place."""
    root = copy_project(tmp_path / "book", with_build=built_project)
    published = root / "_build" / "html" / "chapters" / "economy.html"
    before = published.read_bytes()
    chapter = root / "chapters" / "economy.md"
    original = chapter.read_text(encoding="utf-8")

    chapter.write_text(original.replace("{glue:text}`eco_peak_year`", "{glue:text}`eco_no_such_key`"), encoding="utf-8")
    result = run_build(root)
    assert result.returncode != 0
    assert "eco_no_such_key" in result.stdout + result.stderr
    assert published.read_bytes() == before

    chapter.write_text(
        original.replace("chart_style.apply_style()", "chart_style.apply_style()\nraise RuntimeError('boom')"),
        encoding="utf-8",
    )
    result = run_build(root)
    assert result.returncode != 0
    assert published.read_bytes() == before


def test_invalid_data_stops_the_build_before_anything_runs(built_project, tmp_path):
    root = copy_project(tmp_path / "book", with_build=built_project)
    edit_cell_in(root / "data", "trade_flows.csv", "TF-23", "value", "six")
    result = run_build(root)
    assert result.returncode == 2
    assert "data/trade_flows.csv, row 24, column 'value', value 'six': breaks rule 'type-error'" in result.stderr
    assert "building the HTML" not in result.stdout
    shutil.rmtree(root)


def test_fact_check_appendix_lists_every_claim_with_its_status(built_project):
    from belarus_book.data import datapackage
    from belarus_book.render.tables import STATUS_LABELS

    ledger = checked_ledger(datapackage.load(built_project / "data"))
    page = article(built_project / "_build" / "html" / "back" / "fact_check.html")
    shown = {}
    for row in page.select("table.claims-ledger tbody tr"):
        cells = [cell.get_text(" ", strip=True) for cell in row.find_all(["td", "th"])]
        claim_id = re.search(r"\((\w+-\w+-\d+)\)$", cells[0]).group(1)
        shown[claim_id] = cells[3]
    assert shown == {row.claim_id: STATUS_LABELS[row.status] for row in ledger.itertuples()}
    counts = ledger["status"].value_counts()
    text = page.get_text(" ")
    for status, n in counts.items():
        assert re.search(rf"\b{count(int(n))}\b", text), status


def test_sources_appendix_lists_every_source_and_offers_every_data_file(built_project):
    from belarus_book.data import datapackage

    data = datapackage.load(built_project / "data")
    html = built_project / "_build" / "html" / "back" / "sources.html"
    page = article(html)
    # The first column gives each source's id, then its date in parentheses.
    listed = {row.find("td").get_text(strip=True).split(" (")[0] for row in page.select("table")[0].select("tbody tr")}
    assert listed == set(data.sources["source_id"])
    downloads = {(html.parent / a["href"]).resolve().name for a in page.select("a.download")}
    assert {p.name for p in (built_project / "data").glob("*.csv")} | {"datapackage.json"} <= downloads
    for a in page.select("a.download"):
        assert (html.parent / a["href"]).resolve().is_file()


def test_bibliography_has_an_entry_for_every_source(built_project):
    from belarus_book.data import datapackage

    data = datapackage.load(built_project / "data")
    page = article(built_project / "_build" / "html" / "back" / "bibliography.html")
    entries = page.select('[role="doc-biblioentry"]')
    assert len(entries) == len(data.sources)
    # Each title reads as its source wrote it ("$7bn", not a LaTeX escape with a backslash).
    shown = " ".join(" ".join(entry.get_text().split()) for entry in entries)
    assert any("$" in title for title in data.sources["title"]), "no title to test the escaping on"
    for title in data.sources["title"]:
        assert " ".join(title.split()) in shown, title
    assert "\\" not in shown


def test_the_build_log_shows_progress_and_errors_only(built_project):
    """No kernel transport warning per page, no traceback: the build's own lines only."""
    log = (built_project / "_build" / "build-output.txt").read_text(encoding="utf-8")
    assert "[1/5] checking data" in log and "published in" in log
    assert "Kernel is running over TCP" not in log
    assert "Traceback" not in log


def test_check_data_names_the_problem_without_a_traceback(tmp_path):
    import subprocess
    import sys

    root = copy_project(tmp_path / "book")
    edit_cell_in(root / "data", "claims.csv", "SC-ECO-06", "status", "reproduced")
    result = subprocess.run(
        [sys.executable, "-m", "belarus_book.build", "--check", "--root", str(root)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(root / "src")},
    )
    assert result.returncode == 2
    assert "data/claims.csv, claim SC-ECO-06, column 'status'" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
