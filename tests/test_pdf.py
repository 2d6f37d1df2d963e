"""The PDF: every glued value as in the HTML, every figure embedded, pages rendered for a look."""

from __future__ import annotations

import re
import subprocess
import unicodedata

import pytest
from bs4 import BeautifulSoup

from belarus_book import build

from .conftest import ROOT

ARTIFACTS = ROOT / "test-artifacts"


def _normalise(text: str) -> str:
    """Compare text as a reader sees it: ligatures unfolded, typographic quotes as typed, no spacing."""
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="session")
def pdf(built_project):
    path = built_project / "_build" / "html" / "book.pdf"
    assert path.is_file(), "the build did not publish book.pdf beside the HTML"
    return path


@pytest.fixture(scope="session")
def pdf_text(pdf):
    return _normalise(
        subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    )


def test_every_glued_value_in_the_html_is_in_the_pdf(built_project, pdf_text):
    checked = 0
    for page in build.chapter_files(built_project):
        html = built_project / "_build" / "html" / page.relative_to(built_project).with_suffix(".html")
        spans = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select("article span.pasted-text")
        for span in spans:
            assert _normalise(span.get_text()) in pdf_text, (page.name, span.get_text())
            checked += 1
    assert checked > 150


def test_every_figure_is_embedded_once(built_project, pdf):
    figures = sum(
        page.read_text(encoding="utf-8").count("```{glue:figure}") for page in build.chapter_files(built_project)
    )
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    images = [line for line in listing.splitlines()[2:] if line.split()[2] == "image"]
    assert len(images) == figures > 10


def test_pdf_has_title_contents_every_chapter_and_bibliography(pdf_text):
    for heading in (
        "Belarus between Russia and Ukraine since 2021",
        "Contents",
        "Economic cooperation: from hero to zero",
        "Security deadlock: permanent deterrence",
        "Would the Belarusian army join the war?",
        "2022 expectations against 2024 findings",
        "Fact-check appendix",
        "Bibliography",
    ):
        assert _normalise(heading).lower() in pdf_text.lower(), heading


def test_names_in_cyrillic_letters_survive(built_project, pdf_text):
    from belarus_book import datapackage

    names = list(datapackage.load(built_project / "data").places["native_name"])
    assert names and all(any("\u0400" <= c <= "\u04ff" for c in name) for name in names)
    for name in names:
        assert _normalise(name) in pdf_text, name


def test_pages_are_rendered_for_inspection(pdf):
    ARTIFACTS.mkdir(exist_ok=True)
    prefix = ARTIFACTS / "pdf-page"
    for old in ARTIFACTS.glob("pdf-page-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "12", str(pdf), str(prefix)], check=True)
    pages = sorted(ARTIFACTS.glob("pdf-page-*.png"))
    assert len(pages) == 12 and all(p.stat().st_size > 2_000 for p in pages)
